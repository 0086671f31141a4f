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
        evidence = evidence == null ? List.of() : evidence instanceof CompactEvidence ? evidence : List.copyOf(evidence);
    }

    /**
     * The same facts in fewer objects, for a holder of many articles: the evidence in a
     * {@link CompactEvidence}, and the codes, month and source, repeated from article to article,
     * shared. Equal to these facts.
     */
    public ArticleFacts compact() {
        return new ArticleFacts(id, version, intern(date), title, intern(source), interned(countries), interned(pairs),
                interned(domains), CompactEvidence.of(evidence));
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    private static List<String> interned(List<String> values) {
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).intern();
        }
        return List.of(out);
    }

    /** The text evidence offsets refer to. */
    public static String textOf(Article article) {
        return (article.title() == null ? "" : article.title()) + TEXT_SEPARATOR
                + (article.body() == null ? "" : article.body());
    }
}
