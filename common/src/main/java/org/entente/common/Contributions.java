package org.entente.common;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The count keys one article version contributes to, per count topic. This is the counting rule,
 * held once: the topology turns the difference between two versions into count changes, and the
 * view writer uses the same rule to check that the counts it shows add up to the facts it shows.
 *
 * <p>An article counts only when it links at least one pair of countries: it then adds one to
 * each of its pairs, to each pair x domain, to each pair x month, and once to each of its domains.
 * An article that names one country (or none) is kept in the facts but counts nowhere.
 */
public record Contributions(Set<String> pairDomain, Set<String> pair, Set<String> domain, Set<String> pairMonth) {
    public static final Contributions NONE = new Contributions(Set.of(), Set.of(), Set.of(), Set.of());

    public Contributions {
        pairDomain = Set.copyOf(pairDomain);
        pair = Set.copyOf(pair);
        domain = Set.copyOf(domain);
        pairMonth = Set.copyOf(pairMonth);
    }

    public static Contributions of(ArticleFacts facts) {
        return facts == null ? NONE : of(facts.pairs(), facts.domains(), facts.date());
    }

    public static Contributions of(List<String> pairs, List<String> domains, String month) {
        if (pairs == null || pairs.isEmpty()) {
            return NONE;
        }
        Set<String> pairDomain = new TreeSet<>();
        Set<String> pairMonth = new TreeSet<>();
        for (String pair : pairs) {
            for (String domain : domains) {
                pairDomain.add(CountKeys.pairDomain(pair, domain));
            }
            if (month != null) {
                pairMonth.add(CountKeys.pairMonth(pair, month));
            }
        }
        return new Contributions(pairDomain, new TreeSet<>(pairs), new TreeSet<>(domains), pairMonth);
    }

    /** The keys this contributes to on one of the {@link Topics#COUNT_TOPICS}. */
    public Set<String> keysFor(String topic) {
        return switch (topic) {
            case Topics.PAIR_DOMAIN_COUNTS -> pairDomain;
            case Topics.PAIR_COUNTS -> pair;
            case Topics.DOMAIN_COUNTS -> domain;
            case Topics.PAIR_MONTH_COUNTS -> pairMonth;
            default -> throw new IllegalArgumentException("not a count topic: " + topic);
        };
    }

    /** The value a count topic carries for {@code key} with the given count. */
    public static CountValue valueFor(String topic, String key, long articles) {
        int bar = key.indexOf(CountKeys.SEPARATOR);
        return switch (topic) {
            case Topics.PAIR_DOMAIN_COUNTS -> new CountValue(key.substring(0, bar), key.substring(bar + 1), null, articles);
            case Topics.PAIR_COUNTS -> new CountValue(key, null, null, articles);
            case Topics.DOMAIN_COUNTS -> new CountValue(null, key, null, articles);
            case Topics.PAIR_MONTH_COUNTS -> new CountValue(key.substring(0, bar), null, key.substring(bar + 1), articles);
            default -> throw new IllegalArgumentException("not a count topic: " + topic);
        };
    }
}
