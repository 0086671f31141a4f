package org.entente.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * The change one article version makes to one pair (or, under {@link CountDeltas#DOMAIN_TOTALS_KEY},
 * to the domain totals): +1 or -1 on the pair, on each of its domains and on its month. One record
 * per pair instead of one per count key keeps the repartition topic to about one record per
 * article.
 */
public record CountDelta(int articles, Map<String, Integer> domains, Map<String, Integer> months) {
    public CountDelta {
        domains = domains == null ? Map.of() : new TreeMap<>(domains);
        months = months == null ? Map.of() : new TreeMap<>(months);
    }

    boolean isEmpty() {
        return articles == 0 && domains.isEmpty() && months.isEmpty();
    }
}
