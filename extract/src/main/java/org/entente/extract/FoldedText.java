package org.entente.extract;

import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text folded for matching: lower case, accents and ligatures removed by Lucene's
 * {@link ASCIIFoldingFilter} table, typographic apostrophes and hyphens unified, every other
 * character a space (runs of spaces collapsed), sentence ends kept as {@code '.'} and line ends as
 * {@code '\n'}. {@link #origin} maps each folded position back to the original text, so evidence
 * offsets point at what the author wrote.
 */
final class FoldedText {
    /** Folded form of every UTF-16 unit, computed once from Lucene's table. */
    private static final String[] FOLD = buildTable();
    /** The same table for the common case of one folded char; 0 where a char folds to several. */
    private static final char[] FOLD1 = singleChars(FOLD);
    /**
     * Its first 256 entries, where nearly every char of French or English text falls: 512 bytes
     * that stay in the first cache level, where the whole table (128 KB) does not.
     */
    private static final char[] FOLD_LATIN1 = java.util.Arrays.copyOf(FOLD1, 256);

    /** The folded chars, one byte each: folding leaves only ASCII. */
    final byte[] ascii;
    final int[] origin;
    final int length;

    /**
     * The arrays each extracting thread folds into, kept from article to article: an article's
     * folded text is read and dropped within one extraction, and three fresh arrays of its size
     * for every article were half of what extraction allocated (25 of 50 KB an article).
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        char[] input = new char[4096];
        byte[] ascii = new byte[4096];
        int[] origin = new int[4096];
    }

    private FoldedText(byte[] ascii, int[] origin, int length) {
        this.ascii = ascii;
        this.origin = origin;
        this.length = length;
    }

    /** Folds into new arrays. */
    static FoldedText of(String text) {
        int n = text.length();
        return fold(text, new char[n], new byte[n + 16], new int[n + 16]);
    }

    /**
     * Folds into this thread's arrays: the result is valid only until the thread's next call,
     * for a caller that reads it and drops it (one extraction).
     */
    static FoldedText onThread(String text) {
        Scratch scratch = SCRATCH.get();
        int n = text.length();
        if (scratch.input.length < n) {
            scratch.input = new char[n];
        }
        if (scratch.ascii.length < n + 16) {
            scratch.ascii = new byte[n + 16];
            scratch.origin = new int[n + 16];
        }
        FoldedText folded = fold(text, scratch.input, scratch.ascii, scratch.origin);
        // a ligature may have grown them: kept for the next article
        scratch.ascii = folded.ascii;
        scratch.origin = folded.origin;
        return folded;
    }

    private static FoldedText fold(String text, char[] in, byte[] out, int[] origin) {
        int n = text.length();
        // folding mostly keeps or shrinks the text (spaces collapse); a ligature that grows it
        // grows the arrays below, rarely
        int len = 0;
        // one bulk copy (a vectorised intrinsic) instead of a bounds-checked charAt per char
        text.getChars(0, n, in, 0);
        for (int i = 0; i < n; i++) {
            char ch = in[i];
            if (ch >= 'a' && ch <= 'z' && len + (n - i) < out.length) {
                // four chars in five are lower-case ASCII letters, which fold to themselves: a
                // run of them is copied with one test a char (room for the rest of the text was
                // checked above), a quarter of the whole fold's time in a program over generated
                // articles
                do {
                    out[len] = (byte) ch;
                    origin[len++] = i++;
                } while (i < n && (ch = in[i]) >= 'a' && ch <= 'z');
                if (i == n) {
                    break;
                }
            }
            char f = ch < 256 ? FOLD_LATIN1[ch] : FOLD1[ch];
            if (f == '.' && abbreviation(out, len)) {
                // "St. Kitts", "M. Dupont": the dot of a short abbreviation ends no sentence
                f = ' ';
            }
            if (f != 0) {
                if (f == ' ' && (len == 0 || out[len - 1] == ' ' || out[len - 1] == '\n')) {
                    continue;
                }
                if (f == '\n' && len > 0 && out[len - 1] == ' ') {
                    len--;
                }
                if (len + 1 >= out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                out[len] = (byte) f;
                origin[len++] = i;
            } else {
                String folded = FOLD[ch];
                if (len + folded.length() >= out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + folded.length());
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2 + folded.length());
                }
                for (int k = 0; k < folded.length(); k++) {
                    out[len] = (byte) folded.charAt(k);
                    origin[len++] = i;
                }
            }
        }
        return new FoldedText(out, origin, len);
    }

    private static char[] singleChars(String[] table) {
        char[] out = new char[table.length];
        for (int c = 0; c < table.length; c++) {
            out[c] = table[c].length() == 1 ? table[c].charAt(0) : 0;
        }
        return out;
    }

    private static boolean abbreviation(byte[] out, int len) {
        int letters = 0;
        int k = len - 1;
        while (k >= 0 && isWordChar(out[k])) {
            letters++;
            k--;
        }
        return letters >= 1 && letters <= 2 && (k < 0 || out[k] == ' ' || out[k] == '\n' || out[k] == ',');
    }

    /** Folds a dictionary phrase the same way (without offsets). */
    static String fold(String phrase) {
        FoldedText f = of(phrase);
        // abbreviation dots in names ("St. Kitts") are not sentence ends
        return f.toString().replace('.', ' ').replace(',', ' ').replace('\n', ' ')
                .replaceAll(" +", " ").strip();
    }

    /** The folded text as a string. */
    @Override
    public String toString() {
        return new String(ascii, 0, length, StandardCharsets.ISO_8859_1);
    }

    static boolean isWordChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String[] buildTable() {
        String[] table = new String[Character.MAX_VALUE + 1];
        char[] in = new char[1];
        char[] out = new char[8];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            String folded;
            if (ch == '\n' || ch == '\r' || ch == '\u2028' || ch == '\u2029') {
                folded = "\n";
            } else if (ch == '.' || ch == '!' || ch == '?' || ch == ';') {
                folded = ".";
            } else if (ch == ',' || ch == '(' || ch == ')') {
                // clause marks: a war named in one clause does not spoil the next
                folded = ",";
            } else if (ch == '\'' || ch == '\u2019' || ch == '\u2018' || ch == '\u02BC' || ch == '`' || ch == '\u00B4') {
                folded = "'";
            } else if (ch == '-' || ch == '\u2010' || ch == '\u2011') {
                folded = "-";
            } else if (Character.isLetterOrDigit(ch)) {
                in[0] = ch;
                int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, 1);
                String s = new String(out, 0, n).toLowerCase(Locale.ROOT);
                StringBuilder clean = new StringBuilder(s.length());
                for (int k = 0; k < s.length(); k++) {
                    char f = s.charAt(k);
                    clean.append(isWordChar(f) ? f : 'x');
                }
                folded = clean.length() == 0 ? " " : clean.toString();
            } else {
                folded = " ";
            }
            table[c] = folded;
        }
        return table;
    }
}
