package org.entente.streams;

import org.apache.kafka.streams.KeyValue;
import org.entente.common.CountKeys;
import org.entente.common.Contributions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The delta arithmetic, in plain Java: what changes in the counts when an article goes from one
 * version to another (a new article, a correction, a retraction). A replay changes nothing, so it
 * yields no record.
 */
public final class CountDeltas {
    /** Key of the domain totals; a pair code never starts with '*'. */
    public static final String DOMAIN_TOTALS_KEY = "*domains";

    private CountDeltas() {
    }

    static List<KeyValue<String, CountDelta>> records(FactsChange change) {
        return between(change.before() == null ? Contributions.NONE : change.before().contributions(),
                change.after() == null ? Contributions.NONE : change.after().contributions());
    }

    /** One record per pair whose counts move, then one for the domain totals if they move. */
    public static List<KeyValue<String, CountDelta>> between(Contributions before, Contributions after) {
        Set<String> pairs = new TreeSet<>(before.pair());
        pairs.addAll(after.pair());
        List<KeyValue<String, CountDelta>> out = new ArrayList<>();
        for (String pair : pairs) {
            int articles = sign(after.pair().contains(pair)) - sign(before.pair().contains(pair));
            Map<String, Integer> domains = subKeyDeltas(pair, before.pairDomain(), after.pairDomain());
            Map<String, Integer> months = subKeyDeltas(pair, before.pairMonth(), after.pairMonth());
            CountDelta delta = new CountDelta(articles, domains, months);
            if (!delta.isEmpty()) {
                out.add(KeyValue.pair(pair, delta));
            }
        }
        Map<String, Integer> domainTotals = new TreeMap<>();
        for (String d : after.domain()) {
            if (!before.domain().contains(d)) {
                domainTotals.put(d, 1);
            }
        }
        for (String d : before.domain()) {
            if (!after.domain().contains(d)) {
                domainTotals.put(d, -1);
            }
        }
        if (!domainTotals.isEmpty()) {
            out.add(KeyValue.pair(DOMAIN_TOTALS_KEY, new CountDelta(0, domainTotals, Map.of())));
        }
        return out;
    }

    /** For keys {@code pair|x}: +1 for each x only after, -1 for each x only before. */
    private static Map<String, Integer> subKeyDeltas(String pair, Set<String> before, Set<String> after) {
        String prefix = pair + CountKeys.SEPARATOR;
        Map<String, Integer> deltas = new TreeMap<>();
        for (String key : after) {
            if (key.startsWith(prefix) && !before.contains(key)) {
                deltas.put(key.substring(prefix.length()), 1);
            }
        }
        for (String key : before) {
            if (key.startsWith(prefix) && !after.contains(key)) {
                deltas.put(key.substring(prefix.length()), -1);
            }
        }
        return deltas;
    }

    private static int sign(boolean present) {
        return present ? 1 : 0;
    }
}
