package org.entente.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What one version of an article says, as published on {@link Topics#ARTICLE_FACTS}.
 *
 * @param id        article id (also the record key)
 * @param version   {@link Article#version()} of the article these facts come from
 * @param date      month, {@code YYYY-MM}
 * @param title     headline
 * @param source    agency line
 * @param countries ISO 3166-1 alpha-2 codes of the actors, sorted
 * @param pairs     {@code AA-BB} pairs among the actors, codes in alphabetical order, sorted
 * @param domains   cooperation domain ids, sorted
 * @param evidence  the phrases behind every country and domain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleFacts(String id, String version, String date, String title, String source,
                           List<String> countries, List<String> pairs, List<String> domains,
                           List<Evidence> evidence) {

    /** Evidence offsets index into {@code title + TEXT_SEPARATOR + body}. */
    public static final String TEXT_SEPARATOR = "\n\n";

    public ArticleFacts {
        countries = countries == null ? List.of() : List.copyOf(countries);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        domains = domains == null ? List.of() : List.copyOf(domains);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The text evidence offsets refer to. */
    public static String textOf(Article article) {
        return (article.title() == null ? "" : article.title()) + TEXT_SEPARATOR
                + (article.body() == null ? "" : article.body());
    }
}
