package org.entente.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

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
     */
    public String version() {
        TextHash hash = new TextHash();
        for (String part : new String[] {date, title, body, source}) {
            hash.add(String.valueOf(part));
        }
        // as xxhsum prints an XXH64 digest
        return HexFormat.of().toHexDigits(hash.digest64());
    }
}
