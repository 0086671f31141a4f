package org.entente.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one pair (store {@code pair-stats-store}): articles linking the pair, and per domain
 * and per month. Zero entries are dropped, so an absent key reads as zero.
 */
public record PairStats(long articles, Map<String, Long> domains, Map<String, Long> months) {
    static final PairStats EMPTY = new PairStats(0, Map.of(), Map.of());

    public PairStats {
        domains = domains == null ? Map.of() : new TreeMap<>(domains);
        months = months == null ? Map.of() : new TreeMap<>(months);
    }

    PairStats plus(CountDelta delta) {
        return new PairStats(articles + delta.articles(), add(domains, delta.domains()), add(months, delta.months()));
    }

    boolean isEmpty() {
        return articles == 0 && domains.isEmpty() && months.isEmpty();
    }

    long domain(String domain) {
        return domains.getOrDefault(domain, 0L);
    }

    long month(String month) {
        return months.getOrDefault(month, 0L);
    }

    private static Map<String, Long> add(Map<String, Long> counts, Map<String, Integer> deltas) {
        if (deltas.isEmpty()) {
            return counts;
        }
        Map<String, Long> out = new TreeMap<>(counts);
        deltas.forEach((k, d) -> {
            long v = out.getOrDefault(k, 0L) + d;
            if (v == 0) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
