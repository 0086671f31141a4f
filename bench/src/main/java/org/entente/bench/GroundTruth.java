package org.entente.bench;

import org.entente.common.Contributions;
import org.entente.common.Topics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts a generated stream must produce, from what the generator meant each article to say
 * (never from running the extractor), applied with the same counting rule as the topology.
 */
public final class GroundTruth {
    private final Map<String, GeneratedArticle> latest = new LinkedHashMap<>();

    void apply(GeneratedArticle g) {
        if (g.retraction()) {
            latest.remove(g.article().id());
        } else {
            latest.put(g.article().id(), g);
        }
    }

    /** id to version of every article left after corrections and retractions. */
    public Map<String, String> versions() {
        Map<String, String> out = new HashMap<>();
        latest.forEach((id, g) -> out.put(id, g.article().version()));
        return out;
    }

    /** Per count topic, key to count. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String topic : Topics.COUNT_TOPICS) {
            out.put(topic, new TreeMap<>());
        }
        for (GeneratedArticle g : latest.values()) {
            Contributions c = Contributions.of(g.pairs(), g.domains(), g.article().date());
            for (String topic : Topics.COUNT_TOPICS) {
                for (String key : c.keysFor(topic)) {
                    out.get(topic).merge(key, 1L, Long::sum);
                }
            }
        }
        return out;
    }

    public int articles() {
        return latest.size();
    }
}
