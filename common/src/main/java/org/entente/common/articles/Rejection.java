package org.entente.common.articles;

/** One input that was not published: where it was ({@code file} or {@code file:line}) and why. */
public record Rejection(String origin, String reason) {
    @Override
    public String toString() {
        return origin + ": " + reason;
    }
}
