package org.entente.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One dispatch as published on {@link Topics#ARTICLES}.
 *
 * @param id     stable identity, see {@link ArticleId}; the record key carries the same value
 * @param date   month of publication, {@code YYYY-MM}
 * @param title  headline
 * @param body   text, paragraphs separated by blank lines
 * @param source agency line (e.g. {@code VNA/CVN})
 * @param origin where it was read from (a file path and line), for tracing; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Article(String id, String date, String title, String body, String source, String origin) {

    private static final XXHashFactory XXH64 = XXHashFactory.fastestJavaInstance();
    /** 8,192 chars: a whole article mostly, hashed in one update; a longer text goes through in chunks. */
    private static final int CHUNK = 8192;
    private static final ThreadLocal<DigestScratch> SCRATCH = ThreadLocal.withInitial(DigestScratch::new);

    /** What one thread copies an article's chars through on their way to the hash. */
    private static final class DigestScratch {
        final ByteBuffer bytes = ByteBuffer.allocate(2 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        final CharBuffer chars = bytes.asCharBuffer();
        final char[] copy = new char[CHUNK];
        /** Reset for each article rather than made anew: it is two objects an article otherwise. */
        final StreamingXXHash64 hash = XXH64.newStreamingHash64(0);
    }

    public Article {
        Objects.requireNonNull(id, "id");
    }

    /**
     * A request, read from a feed, to withdraw an article: published as a tombstone on its id,
     * never as a value.
     */
    public static Article retraction(String id, String origin) {
        return new Article(id, null, null, null, null, origin);
    }

    @JsonIgnore
    public boolean isRetraction() {
        return date == null && title == null && body == null && source == null;
    }

    /**
     * A digest of what the article says (not where it came from): a replay of the same text has
     * the same version, a correction a new one. Facts carry it so a reader can tell which
     * version of an article a count reflects.
     *
     * <p>XXH64 (seed 0) of the date, title, body and source, each followed by a NUL, as UTF-16LE,
     * printed as {@code xxhsum} prints it. The streams app computes it for every record before it
     * decides whether to extract, so it must be cheap; it needs no resistance to a forger (whoever
     * can write to the articles topic can publish any correction anyway). SHA-256 over the UTF-8
     * bytes took about a seventh of an article's extraction. The chars are copied into a buffer each
     * thread keeps, a chunk at a time, and hashed by lz4-java's XXH64, which Kafka's clients bring.
     */
    public String version() {
        DigestScratch scratch = SCRATCH.get();
        ByteBuffer buffer = scratch.bytes;
        CharBuffer chars = scratch.chars.clear();
        StreamingXXHash64 hash = scratch.hash;
        hash.reset();
        for (String part : new String[] {date, title, body, source}) {
            String s = String.valueOf(part);
            int i = 0;
            while (true) {
                if (!chars.hasRemaining()) {
                    hash.update(buffer.array(), 0, chars.position() * 2);
                    chars.clear();
                }
                if (i == s.length()) {
                    // the end of a part: "ab" + "c" and "a" + "bc" differ
                    chars.put('\0');
                    break;
                }
                int n = Math.min(s.length() - i, chars.remaining());
                // two bulk copies: put(String) goes a char at a time, put(char[]) is one memory
                // copy into the buffer (half the digest's time in a program over generated articles)
                s.getChars(i, i + n, scratch.copy, 0);
                chars.put(scratch.copy, 0, n);
                i += n;
            }
        }
        hash.update(buffer.array(), 0, chars.position() * 2);
        return HexFormat.of().toHexDigits(hash.getValue());
    }
}
