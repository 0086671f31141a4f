package org.entente.systemtests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.entente.common.ArticleFacts;
import org.entente.common.CountValue;
import org.entente.common.JsonSerdes;
import org.entente.common.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Reads a count topic to its end (read_committed) as a table: latest value per key. */
final class TopicTables {
    private TopicTables() {
    }

    /** Every count topic as a table, keyed by topic. */
    static Map<String, Map<String, Long>> readCounts(String bootstrap) {
        return readCounts(bootstrap, Map.of());
    }

    static Map<String, Map<String, Long>> readCounts(String bootstrap, Map<String, String> clientSettings) {
        Map<String, Map<String, Long>> topics = new TreeMap<>();
        for (String topic : Topics.COUNT_TOPICS) {
            topics.put(topic, read(bootstrap, topic, clientSettings));
        }
        return topics;
    }

    /** article-facts as a table: article id to the version its facts were extracted from. */
    static Map<String, String> readFactVersions(String bootstrap, Map<String, String> clientSettings) {
        Map<String, String> table = new TreeMap<>();
        readTopic(bootstrap, Topics.ARTICLE_FACTS, clientSettings, JsonSerdes.deserializer(ArticleFacts.class),
                (key, facts) -> {
                    if (facts == null) {
                        table.remove(key);
                    } else {
                        table.put(key, facts.version());
                    }
                });
        return table;
    }

    static Map<String, Long> read(String bootstrap, String topic, Map<String, String> clientSettings) {
        Map<String, Long> table = new TreeMap<>();
        readTopic(bootstrap, topic, clientSettings, JsonSerdes.deserializer(CountValue.class), (key, value) -> {
            if (value == null) {
                table.remove(key);
            } else {
                table.put(key, value.articles());
            }
        });
        return table;
    }

    /** Every committed record of a topic, partition by partition, up to the end offsets of now. */
    private static <V> void readTopic(String bootstrap, String topic, Map<String, String> clientSettings,
                                      Deserializer<V> values, BiConsumer<String, V> onRecord) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.putAll(clientSettings);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    onRecord.accept(r.key(), r.value());
                }
            }
        }
    }
}
