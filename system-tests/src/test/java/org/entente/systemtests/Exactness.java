package org.entente.systemtests;

import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.entente.bench.GroundTruth;
import org.entente.common.ArticleFacts;
import org.entente.common.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle of the fault tests: once the pipeline is idle, every count topic, the facts topic
 * and every view file equal the generator's ground truth key for key, and no transaction is left
 * open anywhere.
 */
final class Exactness {
    private Exactness() {
    }

    static void assertExact(String bootstrap, Map<String, String> client, Path views, GroundTruth truth, Duration timeout)
            throws Exception {
        assertExact(bootstrap, client, views, truth.counts(), truth.versions(), timeout);
    }

    /**
     * @param expected per count topic, key to count
     * @param versions article id to the version whose facts must be counted
     */
    static void assertExact(String bootstrap, Map<String, String> client, Path views, Map<String, Map<String, Long>> expected,
                            Map<String, String> versions, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        assertThat(settle(() -> TopicTables.readCounts(bootstrap, client), expected, deadline))
                .as("every count topic (read_committed) equals the ground truth").isEqualTo(expected);
        assertThat(settle(() -> TopicTables.readFactVersions(bootstrap, client), versions, deadline))
                .as("article-facts holds the latest version of every article left, and nothing else")
                .isEqualTo(versions);
        assertThat(settle(() -> viewCounts(views), expected, deadline))
                .as("every count view on disk equals the ground truth").isEqualTo(expected);
        assertThat(settle(() -> viewVersions(views), versions, deadline))
                .as("articles.json holds the latest version of every article left").isEqualTo(versions);
        assertThat(settle(() -> openTransactions(bootstrap, client), Map.of(), deadline))
                .as("partitions whose last stable offset lags their end (an open transaction)").isEmpty();
    }

    /** Polls until the value equals what is expected or the deadline passes; returns the last value. */
    private static <T> T settle(Supplier<T> read, T expected, long deadline) throws InterruptedException {
        T last = read.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            last = read.get();
        }
        return last;
    }

    static Map<String, Map<String, Long>> viewCounts(Path views) {
        try {
            return Views.all(views);
        } catch (IOException e) {
            return Map.of("unreadable", Map.of(e.toString(), 0L));
        }
    }

    static Map<String, String> viewVersions(Path views) {
        try {
            List<ArticleFacts> facts = Json.MAPPER.readValue(views.resolve("articles.json").toFile(),
                    new TypeReference<List<ArticleFacts>>() { });
            Map<String, String> out = new HashMap<>();
            facts.forEach(f -> out.put(f.id(), f.version()));
            return out;
        } catch (IOException e) {
            return Map.of("unreadable", e.toString());
        }
    }

    /** Every partition of every topic whose read_committed end offset lags its end offset. */
    static Map<String, Long> openTransactions(String bootstrap, Map<String, String> client) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.putAll(client);
        try (Admin admin = Admin.create(p)) {
            Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(i -> latest.put(new TopicPartition(t.name(), i.partition()),
                    OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> committed = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> open = new TreeMap<>();
            end.forEach((tp, info) -> {
                long lag = info.offset() - committed.get(tp).offset();
                if (lag != 0) {
                    open.put(tp.toString(), lag);
                }
            });
            return open;
        } catch (Exception e) {
            return Map.of("cannot list offsets: " + e, -1L);
        }
    }
}
