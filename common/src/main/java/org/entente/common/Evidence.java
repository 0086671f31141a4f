package org.entente.common;

/**
 * Why a fact is there: the phrase as written in the article, its character offsets in the
 * article's text ({@code title + "\n\n" + body}, see {@link ArticleFacts#TEXT_SEPARATOR}), what
 * kind of fact it supports and the code it maps to.
 *
 * @param kind {@code country}, {@code domain} or {@code organisation}
 * @param code ISO 3166-1 alpha-2 code, domain id or organisation acronym
 */
public record Evidence(String text, int start, int end, String kind, String code) {
    public static final String COUNTRY = "country";
    public static final String DOMAIN = "domain";
    public static final String ORGANISATION = "organisation";
}
