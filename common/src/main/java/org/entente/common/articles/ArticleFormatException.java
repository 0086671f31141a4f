package org.entente.common.articles;

/** An input that is not an article, with where (file and line) and what was wrong. */
public final class ArticleFormatException extends IllegalArgumentException {
    private final String origin;
    private final String reason;

    public ArticleFormatException(String origin, String reason) {
        super(origin + ": " + reason);
        this.origin = origin;
        this.reason = reason;
    }

    public String origin() {
        return origin;
    }

    public String reason() {
        return reason;
    }
}
