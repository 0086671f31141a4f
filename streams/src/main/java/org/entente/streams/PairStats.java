package org.entente.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one pair (store {@code pair-stats-store}): articles linking the pair, and per domain
 * and per month. A count that falls to zero stays, as zero, until its tombstone is published
 * ({@link #pruned()} drops it then): the store, not memory, remembers that a key must be removed
 * from the output topics, so a crash between the change and its publication cannot lose the
 * removal. Readers see {@link #pruned()}.
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

    /** Nothing left to count: every entry is zero (or absent). */
    boolean isEmpty() {
        return articles == 0 && domains.values().stream().allMatch(v -> v == 0)
                && months.values().stream().allMatch(v -> v == 0);
    }

    /** Some entry is zero: a removal not yet pruned. */
    boolean hasZeros() {
        return domains.containsValue(0L) || months.containsValue(0L);
    }

    /** The same counts without their zero entries. */
    PairStats pruned() {
        if (!hasZeros()) {
            return this;
        }
        Map<String, Long> d = new TreeMap<>(domains);
        d.values().removeIf(v -> v == 0);
        Map<String, Long> m = new TreeMap<>(months);
        m.values().removeIf(v -> v == 0);
        return new PairStats(articles, d, m);
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
        deltas.forEach((k, d) -> out.merge(k, (long) d, Long::sum));
        return out;
    }
}
