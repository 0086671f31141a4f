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
        built = true;
    }

    /** Every phrase occurrence bounded by non-word characters, in order of end position. */
    List<Match<T>> find(FoldedText text) {
        List<Match<T>> found = new ArrayList<>();
        char[] chars = text.chars;
        int node = 0;
        for (int i = 0; i < text.length; i++) {
            int s = symbol(chars[i]);
            if (s < 0) {
                node = 0;
                continue;
            }
            node = next[node][s];
            int out = firstOutput[node];
            if (out == 0) {
                continue;
            }
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
