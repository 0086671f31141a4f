package org.entente.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record headers that tie counts to the articles behind them.
 *
 * <ul>
 *   <li>{@value #ARTICLE}, on {@code article-facts} records (and on the count deltas between the
 *       two stages): the partition and offset of the {@code articles} record they come from, as
 *       {@code "partition:offset"}.</li>
 *   <li>{@value #THROUGH}, on every count record: for each {@code articles} partition the count
 *       has seen, an offset up to which every article of that partition is reflected in it, as
 *       {@code "0:1234,3:88"}. A partition not named promises nothing; after a restart the offsets
 *       start again from what the restarted task applies, so they are a lower bound, never more.</li>
 * </ul>
 */
public final class Provenance {
    public static final String ARTICLE = "entente-article";
    public static final String THROUGH = "entente-through";

    private Provenance() {
    }

    public static byte[] article(int partition, long offset) {
        return (partition + ":" + offset).getBytes(StandardCharsets.US_ASCII);
    }

    /** The partition and offset of an {@value #ARTICLE} header; null if it does not parse. */
    public static long[] parseArticle(byte[] header) {
        if (header == null) {
            return null;
        }
        String text = new String(header, StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        try {
            return colon < 0 ? null : new long[] {Integer.parseInt(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static byte[] through(Map<Integer, Long> offsets) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(offsets).forEach((partition, offset) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(partition).append(':').append(offset);
        });
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A {@value #THROUGH} header as an array indexed by partition, -1 where nothing is promised;
     * an empty array if the header is missing or does not parse.
     */
    public static long[] parseThrough(byte[] header) {
        if (header == null || header.length == 0) {
            return new long[0];
        }
        long[] out = new long[0];
        try {
            for (String part : new String(header, StandardCharsets.US_ASCII).split(",")) {
                int colon = part.indexOf(':');
                int partition = Integer.parseInt(part.substring(0, colon));
                long offset = Long.parseLong(part.substring(colon + 1));
                if (partition >= out.length) {
                    int from = out.length;
                    out = Arrays.copyOf(out, partition + 1);
                    Arrays.fill(out, from, out.length, -1);
                }
                out[partition] = offset;
            }
        } catch (RuntimeException e) {
            return new long[0];
        }
        return out;
    }

    /** Whether a parsed {@value #THROUGH} header covers the article at this partition and offset. */
    public static boolean covers(long[] through, int partition, long offset) {
        return partition < through.length && through[partition] >= offset;
    }
}
