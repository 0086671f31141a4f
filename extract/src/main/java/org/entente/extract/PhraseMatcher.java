package org.entente.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over folded text: every dictionary phrase is found in one left-to-right
 * pass, one array lookup per character, however many phrases there are. Matches are reported only
 * on word boundaries.
 *
 * <p>Phrases may only start where a word starts, and the automaton knows it: every phrase is
 * entered behind a virtual boundary symbol, which the walk takes at the start of the text and
 * after every char that is not a letter or digit. Inside a word that starts no phrase the walk
 * stays in the root instead of following the suffixes of every word through the dictionary: on
 * generated news text a third of the chars are read in the root and 94% of the steps fall in 256
 * of the 11,200 rows, so the rows a walk needs stay in the first cache levels.
 *
 * @param <T> what a phrase stands for
 */
final class PhraseMatcher<T> {
    /** a-z, 0-9, apostrophe, hyphen, space, then the virtual word boundary. */
    private static final int BOUNDARY = 39;
    private static final int ALPHABET = 40;
    /** The column of a char outside the alphabet ('.', ',', line end): it ends every partial match. */
    private static final int RESET = ALPHABET;
    private static final int WIDTH = ALPHABET + 1;

    private int[][] next = new int[1024][];
    private int[] outputLink;
    /** per node, its own entries (null if none), as an array for the matching loop */
    private Entry<T>[][] entries;
    /** per node, the first node of its output chain (itself or a suffix), 0 if none */
    private int[] firstOutput;
    /**
     * The complete transition function in one flat array, {@code WIDTH} entries a node: the
     * matching loop does one lookup per char (and one more for the boundary after a char that is
     * no letter or digit), without a row per node to load first. An entry is where the target
     * node's row starts (node x WIDTH, so the loop does not multiply), negated when that node has
     * an output chain, so the loop tests for output on the value it has.
     */
    private int[] delta;
    /** Where the walk starts: past the boundary that opens the text. */
    private int startRow;
    /** Symbol of every folded char (folded text is ASCII); RESET for a char that ends every match. */
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
            table[c] = (byte) (s < 0 ? RESET : s);
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

    /** Whether the walk passes a word boundary after this symbol (apostrophe, hyphen, space, reset). */
    private static boolean bounds(int symbol) {
        return symbol >= 36 && symbol != BOUNDARY;
    }

    void add(String foldedPhrase, T value) {
        if (built) {
            throw new IllegalStateException("matcher already built");
        }
        int node = child(0, BOUNDARY);
        for (int i = 0; i < foldedPhrase.length(); i++) {
            int s = symbol(foldedPhrase.charAt(i));
            if (s < 0) {
                throw new IllegalArgumentException("phrase cannot be matched: '" + foldedPhrase + "'");
            }
            node = child(node, s);
            // the text passes a boundary after such a char; a phrase ending on it ("sino-") ends here
            if (bounds(s) && i + 1 < foldedPhrase.length()) {
                node = child(node, BOUNDARY);
            }
        }
        if (outputs.get(node) == null) {
            outputs.set(node, new ArrayList<>(1));
        }
        outputs.get(node).add(new Entry<>(foldedPhrase, value));
    }

    private int child(int node, int symbol) {
        int child = next[node][symbol];
        if (child == 0) {
            if (nodes == next.length) {
                next = Arrays.copyOf(next, nodes * 2);
            }
            child = nodes++;
            next[child] = new int[ALPHABET];
            outputs.add(null);
            next[node][symbol] = child;
        }
        return child;
    }

    /** Completes the goto function with failure transitions (breadth first). */
    void build() {
        int[] fail = new int[nodes];
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
        // rows in breadth-first order: the nodes a walk visits most (near the root: the first
        // letters of words) share cache lines and pages instead of being spread over the table
        int[] id = new int[nodes];
        for (int k = 0; k < tail; k++) {
            id[queue[k]] = k + 1;
        }
        @SuppressWarnings("unchecked")
        Entry<T>[][] table = new Entry[nodes][];
        firstOutput = new int[nodes];
        int[] links = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            List<Entry<T>> own = outputs.get(node);
            table[id[node]] = own == null ? null : own.toArray(new Entry[0]);
            firstOutput[id[node]] = id[own != null ? node : outputLink[node]];
            links[id[node]] = id[outputLink[node]];
        }
        entries = table;
        outputLink = links;
        delta = new int[nodes * WIDTH];
        for (int node = 0; node < nodes; node++) {
            int row = id[node] * WIDTH;
            for (int sym = 0; sym < ALPHABET; sym++) {
                int target = id[next[node][sym]];
                delta[row + sym] = firstOutput[target] != 0 ? -target * WIDTH : target * WIDTH;
            }
            // no phrase holds a reset char: the walk starts afresh from the root (then the boundary)
            delta[row + RESET] = 0;
        }
        startRow = delta[BOUNDARY];
        next = null;
        built = true;
    }

    /** Every phrase occurrence bounded by non-word characters, in order of end position. */
    List<Match<T>> find(FoldedText text) {
        List<Match<T>> found = new ArrayList<>(64);
        char[] chars = text.chars;
        int[] delta = this.delta;
        int row = startRow;
        for (int i = 0; i < text.length; i++) {
            char c = chars[i];
            int symbol = c < 128 ? SYMBOLS[c] : RESET;
            int t = delta[row + symbol];
            if (t >= 0) {
                row = bounds(symbol) ? delta[t + BOUNDARY] : t;
                continue;
            }
            row = -t;
            int out = firstOutput[row / WIDTH];
            // no phrase ends on the boundary, so the step through it never outputs
            row = bounds(symbol) ? delta[row + BOUNDARY] : row;
            int end = i + 1;
            boolean endsWord = end == text.length || !FoldedText.isWordChar(chars[end]);
            for (; out != 0; out = outputLink[out]) {
                for (Entry<T> e : entries[out]) {
                    int start = end - e.phrase().length();
                    // the boundary symbol already anchors every phrase at a word start
                    boolean prefix = e.phrase().charAt(e.phrase().length() - 1) == '-';
                    if (prefix ? end < text.length && FoldedText.isWordChar(chars[end]) : endsWord) {
                        found.add(new Match<>(start, end, e.phrase(), e.value()));
                    }
                }
            }
        }
        return found;
    }
}
