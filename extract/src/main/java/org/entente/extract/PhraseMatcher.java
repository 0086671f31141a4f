package org.entente.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over folded text: every dictionary phrase is found in one left-to-right
 * pass, one array lookup per character, however many phrases there are. Matches are reported only
 * on word boundaries.
 *
 * @param <T> what a phrase stands for
 */
final class PhraseMatcher<T> {
    /** a-z, 0-9, apostrophe, hyphen, space; anything else ends every partial match. */
    private static final int ALPHABET = 39;

    private int[][] next = new int[1024][];
    private int[] fail;
    private int[] outputLink;
    /** per node, its own entries (null if none), as an array for the matching loop */
    private Entry<T>[][] entries;
    /** per node, the first node of its output chain (itself or a suffix), 0 if none */
    private int[] firstOutput;
    /**
     * The complete transition function in one flat array, {@code WIDTH} entries a node (one per
     * symbol and a last one, 0, for a char outside the alphabet): the matching loop does one
     * lookup per char, without a row per node to load first. An entry is where the target node's
     * row starts (node x WIDTH, so the loop does not multiply), negated when that node has an
     * output chain, so the loop tests for output on the value it has.
     */
    private int[] delta;
    private static final int WIDTH = ALPHABET + 1;
    /** Symbol of every folded char (folded text is ASCII); ALPHABET for a char that resets the walk. */
    private static final byte[] SYMBOLS = symbols();
    private final List<List<Entry<T>>> outputs = new ArrayList<>();
    private int nodes = 1;
    private boolean built;

    record Entry<T>(String phrase, T value) {
        boolean prefix() {
            return phrase.endsWith("-");
        }
    }

    /** A phrase found in the text: folded offsets {@code [start, end)}. */
    record Match<T>(int start, int end, String phrase, T value) {
    }

    PhraseMatcher() {
        next[0] = new int[ALPHABET];
        outputs.add(null);
    }

    private static byte[] symbols() {
        byte[] table = new byte[128];
        for (char c = 0; c < 128; c++) {
            int s = symbol(c);
            table[c] = (byte) (s < 0 ? ALPHABET : s);
        }
        return table;
    }

    private static int symbol(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '0' && c <= '9') {
            return 26 + c - '0';
        }
        return switch (c) {
            case '\'' -> 36;
            case '-' -> 37;
            case ' ' -> 38;
            default -> -1;
        };
    }

    void add(String foldedPhrase, T value) {
        if (built) {
            throw new IllegalStateException("matcher already built");
        }
        int node = 0;
        for (int i = 0; i < foldedPhrase.length(); i++) {
            int s = symbol(foldedPhrase.charAt(i));
            if (s < 0) {
                throw new IllegalArgumentException("phrase cannot be matched: '" + foldedPhrase + "'");
            }
            int child = next[node][s];
            if (child == 0) {
                if (nodes == next.length) {
                    next = Arrays.copyOf(next, nodes * 2);
                }
                child = nodes++;
                next[child] = new int[ALPHABET];
                outputs.add(null);
                next[node][s] = child;
            }
            node = child;
        }
        if (outputs.get(node) == null) {
            outputs.set(node, new ArrayList<>(1));
        }
        outputs.get(node).add(new Entry<>(foldedPhrase, value));
    }

    /** Completes the goto function with failure transitions (breadth first). */
    void build() {
        fail = new int[nodes];
        outputLink = new int[nodes];
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        for (int s = 0; s < ALPHABET; s++) {
            int child = next[0][s];
            if (child != 0) {
                fail[child] = 0;
                queue[tail++] = child;
            }
        }
        while (head < tail) {
            int node = queue[head++];
            int f = fail[node];
            outputLink[node] = outputs.get(f) != null ? f : outputLink[f];
            for (int s = 0; s < ALPHABET; s++) {
                int child = next[node][s];
                if (child != 0) {
                    fail[child] = next[f][s];
                    queue[tail++] = child;
                } else {
                    next[node][s] = next[f][s];
                }
            }
        }
        @SuppressWarnings("unchecked")
        Entry<T>[][] table = new Entry[nodes][];
        firstOutput = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            List<Entry<T>> own = outputs.get(node);
            table[node] = own == null ? null : own.toArray(new Entry[0]);
            firstOutput[node] = own != null ? node : outputLink[node];
        }
        entries = table;
        delta = new int[nodes * WIDTH];
        for (int node = 0; node < nodes; node++) {
            for (int sym = 0; sym < ALPHABET; sym++) {
                int target = next[node][sym];
                delta[node * WIDTH + sym] = firstOutput[target] != 0 ? -target * WIDTH : target * WIDTH;
            }
        }
        next = null;
        built = true;
    }

    /** Every phrase occurrence bounded by non-word characters, in order of end position. */
    List<Match<T>> find(FoldedText text) {
        List<Match<T>> found = new ArrayList<>(64);
        char[] chars = text.chars;
        int[] delta = this.delta;
        int row = 0;
        for (int i = 0; i < text.length; i++) {
            char c = chars[i];
            int t = delta[row + (c < 128 ? SYMBOLS[c] : ALPHABET)];
            if (t >= 0) {
                row = t;
                continue;
            }
            row = -t;
            int out = firstOutput[row / WIDTH];
            int end = i + 1;
            boolean endsWord = end == text.length || !FoldedText.isWordChar(chars[end]);
            for (; out != 0; out = outputLink[out]) {
                for (Entry<T> e : entries[out]) {
                    int start = end - e.phrase().length();
                    boolean startsWord = start == 0 || !FoldedText.isWordChar(chars[start - 1]);
                    // a prefix such as "sino-" ends on its hyphen and must run into the next word
                    boolean prefix = e.phrase().charAt(e.phrase().length() - 1) == '-';
                    if (startsWord && (prefix ? end < text.length && FoldedText.isWordChar(chars[end]) : endsWord)) {
                        found.add(new Match<>(start, end, e.phrase(), e.value()));
                    }
                }
            }
        }
        return found;
    }
}
