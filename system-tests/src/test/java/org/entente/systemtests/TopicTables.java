package org.entente.systemtests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.common.CountValue;
import org.entente.common.JsonSerdes;
import org.entente.common.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads a count topic to its end (read_committed) as a table: latest value per key. */
final class TopicTables {
    private TopicTables() {
    }

    /** Every count topic as a table, keyed by topic. */
    static Map<String, Map<String, Long>> readCounts(String bootstrap) {
        Map<String, Map<String, Long>> topics = new TreeMap<>();
        for (String topic : Topics.COUNT_TOPICS) {
            topics.put(topic, read(bootstrap, topic, Map.of()));
        }
        return topics;
    }

    static Map<String, Long> read(String bootstrap, String topic, Map<String, String> clientSettings) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.putAll(clientSettings);
        Map<String, Long> table = new TreeMap<>();
        try (KafkaConsumer<String, CountValue> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                JsonSerdes.deserializer(CountValue.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CountValue> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        table.remove(r.key());
                    } else {
                        table.put(r.key(), r.value().articles());
                    }
                }
            }
        }
        return table;
    }
}
