package org.entente.systemtests;

import com.fasterxml.jackson.core.type.TypeReference;
import org.entente.common.CountKeys;
import org.entente.common.CountValue;
import org.entente.common.Json;
import org.entente.common.Topics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the view files back as key-to-count maps, the way the count topics key them. */
final class Views {
    private Views() {
    }

    static Map<String, Long> counts(Path dir, String topic) throws IOException {
        List<CountValue> values = Json.MAPPER.readValue(dir.resolve(topic + ".json").toFile(), new TypeReference<List<CountValue>>() { });
        Map<String, Long> out = new TreeMap<>();
        for (CountValue c : values) {
            String key = switch (topic) {
                case Topics.PAIR_DOMAIN_COUNTS -> CountKeys.pairDomain(c.pair(), c.domain());
                case Topics.PAIR_COUNTS -> c.pair();
                case Topics.DOMAIN_COUNTS -> c.domain();
                case Topics.PAIR_MONTH_COUNTS -> CountKeys.pairMonth(c.pair(), c.month());
                default -> throw new IllegalArgumentException(topic);
            };
            out.put(key, c.articles());
        }
        return out;
    }

    static Map<String, Map<String, Long>> all(Path dir) throws IOException {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String topic : Topics.COUNT_TOPICS) {
            out.put(topic, counts(dir, topic));
        }
        return out;
    }
}
