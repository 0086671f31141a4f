package org.entente.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stable article identity: a digest of the source, the month and the normalised title. The body
 * is left out on purpose, so that a corrected body keeps its id and replaces the old version
 * instead of being counted as a second article.
 */
public final class ArticleId {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

    private ArticleId() {
    }

    public static String of(String source, String date, String title) {
        String key = normalise(source) + '\n' + normalise(date) + '\n' + normalise(title);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Case, accents, punctuation and spacing do not change an id ("Việt Nam" = "viet nam"). */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String bare = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return NON_ALNUM.matcher(bare).replaceAll(" ").strip();
    }
}
