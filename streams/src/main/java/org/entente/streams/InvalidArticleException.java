package org.entente.streams;

/** An input record that is not a usable article; it goes to the dead-letter topic with this reason. */
public final class InvalidArticleException extends RuntimeException {
    public InvalidArticleException(String reason) {
        super(reason);
    }
}
