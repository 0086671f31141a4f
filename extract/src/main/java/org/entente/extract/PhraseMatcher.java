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
     * matching loop does one lookup per char, without a row per node to load first. An entry is
     * where the next row starts (node x WIDTH, so the loop does not multiply). After a char that
     * ends a word it is the row past the boundary symbol too, so that char costs one lookup, not
     * two in a row. An entry is negated when the char ends phrases, so the loop tests for output
     * on the value it has (never 0 then: a row past a char that ends a phrase is not the root's).
     */
    private int[] delta;
    /**
     * The transitions as the dictionary defines them, without the boundary folded in nor the
     * output sign: read only on the rare step that ends a phrase, to find which ones.
     */
    private int[] plain;
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
        plain = new int[nodes * WIDTH];
        for (int node = 0; node < nodes; node++) {
            int row = id[node] * WIDTH;
            for (int sym = 0; sym < ALPHABET; sym++) {
                plain[row + sym] = id[next[node][sym]] * WIDTH;
            }
            // no phrase holds a reset char: the walk starts afresh from the root (then the boundary)
            plain[row + RESET] = 0;
        }
        // the boundary after a char that ends a word folded into the char's own entry, and the
        // sign of each entry saying whether the char ends a phrase
        delta = new int[nodes * WIDTH];
        for (int row = 0; row < plain.length; row += WIDTH) {
            for (int sym = 0; sym <= RESET; sym++) {
                int target = plain[row + sym];
                int landing = bounds(sym) ? plain[target + BOUNDARY] : target;
                delta[row + sym] = firstOutput[target / WIDTH] != 0 ? -landing : landing;
            }
        }
        startRow = plain[BOUNDARY];
        next = null;
        built = true;
    }

    /**
     * How many walks run side by side. Each step of one walk waits for the lookup before it; the
     * text is cut at chars that end every match (after which a walk is back in the root whatever
     * came before), so the walks are independent and the processor overlaps their lookups.
     */
    static final int LANES = 4;

    /** Every phrase occurrence bounded by non-word characters, in order of end position. */
    List<Match<T>> find(FoldedText text) {
        return find(text, LANES);
    }

    /**
     * The same, with the text cut into {@code lanes} walks: four are read side by side, any other
     * number one after the other (1: one walk over the whole text), for tests to compare.
     */
    List<Match<T>> find(FoldedText text, int lanes) {
        byte[] chars = text.ascii;
        int length = text.length;
        // walk k reads [from[k], from[k + 1]); every walk after the first starts behind a reset char
        int[] from = new int[lanes + 1];
        from[lanes] = length;
        for (int k = 1; k < lanes; k++) {
            int cut = Math.max(from[k - 1], (int) ((long) length * k / lanes));
            while (cut < length && SYMBOLS[chars[cut]] != RESET) {
                cut++;
            }
            from[k] = Math.min(length, cut + 1);
        }
        @SuppressWarnings("unchecked")
        List<Match<T>>[] found = new List[lanes];
        for (int k = 0; k < lanes; k++) {
            found[k] = new ArrayList<>(32);
        }
        int[] rows = new int[lanes];
        Arrays.fill(rows, startRow);
        int together = 0;
        if (lanes == 4) {
            together = quad(chars, length, from, rows, found);
        }
        List<Match<T>> all = found[0];
        for (int k = 0; k < lanes; k++) {
            walk(chars, length, from[k] + together, from[k + 1], rows[k], found[k]);
            if (k > 0) {
                all.addAll(found[k]);
            }
        }
        return all;
    }

    /**
     * Four walks in step, as far as the shortest goes; returns how far that is, with each walk's
     * row in {@code rows}. The step is written out for each walk so that the loop keeps the four
     * rows in registers; the rare char that ends a phrase leaves the loop for {@link #output}.
     */
    private int quad(byte[] chars, int length, int[] from, int[] rows, List<Match<T>>[] found) {
        int[] delta = this.delta;
        byte[] symbols = SYMBOLS;
        int i0 = from[0];
        int i1 = from[1];
        int i2 = from[2];
        int i3 = from[3];
        int steps = Math.min(Math.min(i1 - i0, i2 - i1), Math.min(i3 - i2, from[4] - i3));
        int r0 = rows[0];
        int r1 = rows[1];
        int r2 = rows[2];
        int r3 = rows[3];
        for (int s = 0; s < steps; s++) {
            int t0 = delta[r0 + symbols[chars[i0 + s]]];
            int t1 = delta[r1 + symbols[chars[i1 + s]]];
            int t2 = delta[r2 + symbols[chars[i2 + s]]];
            int t3 = delta[r3 + symbols[chars[i3 + s]]];
            r0 = t0 >= 0 ? t0 : output(chars, length, i0 + s, r0, found[0]);
            r1 = t1 >= 0 ? t1 : output(chars, length, i1 + s, r1, found[1]);
            r2 = t2 >= 0 ? t2 : output(chars, length, i2 + s, r2, found[2]);
            r3 = t3 >= 0 ? t3 : output(chars, length, i3 + s, r3, found[3]);
        }
        rows[0] = r0;
        rows[1] = r1;
        rows[2] = r2;
        rows[3] = r3;
        return steps;
    }

    /** One walk over {@code [from, to)}, starting in {@code row}. */
    private void walk(byte[] chars, int length, int from, int to, int row, List<Match<T>> found) {
        int[] delta = this.delta;
        for (int i = from; i < to; i++) {
            int t = delta[row + SYMBOLS[chars[i]]];
            row = t >= 0 ? t : output(chars, length, i, row, found);
        }
    }

    /** The step from {@code row} over a char that ends phrases: adds them, returns the next row. */
    private int output(byte[] chars, int length, int i, int row, List<Match<T>> found) {
        int symbol = SYMBOLS[chars[i]];
        int target = plain[row + symbol];
        int end = i + 1;
        boolean endsWord = end == length || !FoldedText.isWordChar(chars[end]);
        for (int out = firstOutput[target / WIDTH]; out != 0; out = outputLink[out]) {
            for (Entry<T> e : entries[out]) {
                int start = end - e.phrase().length();
                // the boundary symbol already anchors every phrase at a word start
                boolean prefix = e.phrase().charAt(e.phrase().length() - 1) == '-';
                if (prefix ? end < length && FoldedText.isWordChar(chars[end]) : endsWord) {
                    found.add(new Match<>(start, end, e.phrase(), e.value()));
                }
            }
        }
        return -delta[row + symbol];
    }
}
