package org.entente.systemtests;

import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.entente.bench.GroundTruth;
import org.entente.common.ArticleFacts;
import org.entente.common.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        assertExact(bootstrap, client, views, truth.counts(), truth.versions(), timeout, () -> "");
    }

    /** @param context what else explains a failure (the errors in the logs of child processes, say) */
    static void assertExact(String bootstrap, Map<String, String> client, Path views, GroundTruth truth, Duration timeout,
                            Supplier<String> context) throws Exception {
        assertExact(bootstrap, client, views, truth.counts(), truth.versions(), timeout, context);
    }

    static void assertExact(String bootstrap, Map<String, String> client, Path views, Map<String, Map<String, Long>> expected,
                            Map<String, String> versions, Duration timeout) throws Exception {
        assertExact(bootstrap, client, views, expected, versions, timeout, () -> "");
    }

    /**
     * @param expected per count topic, key to count
     * @param versions article id to the version whose facts must be counted
     */
    static void assertExact(String bootstrap, Map<String, String> client, Path views, Map<String, Map<String, Long>> expected,
                            Map<String, String> versions, Duration timeout, Supplier<String> context) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Map<String, Long>> topics = settle(() -> TopicTables.readCounts(bootstrap, client), expected, deadline);
        assertThat(topics).as(() -> "every count topic (read_committed) equals the ground truth: "
                + countDiff(expected, topics) + "; " + streamsLag(bootstrap, client) + context.get()).isEqualTo(expected);
        Map<String, String> facts = settle(() -> TopicTables.readFactVersions(bootstrap, client), versions, deadline);
        assertThat(facts).as(() -> "article-facts holds the latest version of every article left, and nothing else: "
                + diff(versions, facts) + "; " + streamsLag(bootstrap, client) + context.get()).isEqualTo(versions);
        Map<String, Map<String, Long>> onDisk = settle(() -> viewCounts(views), expected, deadline);
        assertThat(onDisk).as(() -> "every count view on disk equals the ground truth: " + countDiff(expected, onDisk)
                + context.get()).isEqualTo(expected);
        Map<String, String> listed = settle(() -> viewVersions(views), versions, deadline);
        assertThat(listed).as(() -> "the article files hold the latest version of every article left, once: "
                + diff(versions, listed) + context.get()).isEqualTo(versions);
        assertThat(settle(() -> openTransactions(bootstrap, client), Map.of(), deadline))
                .as("partitions whose last stable offset lags their end (an open transaction)").isEmpty();
    }

    /** Per table, how many keys are missing, extra or wrong, with a few of each: a failure that reads in one line. */
    static String countDiff(Map<String, Map<String, Long>> expected, Map<String, Map<String, Long>> actual) {
        StringBuilder out = new StringBuilder();
        Set<String> tables = new TreeSet<>(expected.keySet());
        tables.addAll(actual.keySet());
        for (String table : tables) {
            String d = diff(expected.getOrDefault(table, Map.of()), actual.getOrDefault(table, Map.of()));
            if (!d.isEmpty()) {
                out.append(table).append(" {").append(d).append("} ");
            }
        }
        return out.toString().trim();
    }

    static <V> String diff(Map<String, V> expected, Map<String, V> actual) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!actual.containsKey(k)) {
                missing.add(k + "=" + v);
            } else if (!Objects.equals(actual.get(k), v)) {
                wrong.add(k + " is " + actual.get(k) + " not " + v);
            }
        });
        actual.forEach((k, v) -> {
            if (!expected.containsKey(k)) {
                extra.add(k + "=" + v);
            }
        });
        StringBuilder out = new StringBuilder();
        append(out, "missing", missing);
        append(out, "extra", extra);
        append(out, "wrong", wrong);
        return out.toString().trim();
    }

    private static void append(StringBuilder out, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            out.append(keys.size()).append(' ').append(what).append(' ')
                    .append(keys.subList(0, Math.min(3, keys.size()))).append(' ');
        }
    }

    /** How far the streams app's committed input lags the end of each topic it reads. */
    static String streamsLag(String bootstrap, Map<String, String> client) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.putAll(client);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("entente-streams")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> lag = new TreeMap<>();
            committed.forEach((tp, offset) -> lag.merge(tp.topic(), end.get(tp).offset() - offset.offset(), Long::sum));
            return "streams group lag " + lag + " over " + committed.size() + " partitions";
        } catch (Exception e) {
            return "streams group lag unknown: " + e;
        }
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
            Map<String, String> out = new HashMap<>();
            List<java.nio.file.Path> files;
            try (var listing = java.nio.file.Files.list(views.resolve("articles"))) {
                files = listing.filter(f -> f.getFileName().toString().matches("\\d{5}\\.json")).sorted().toList();
            }
            for (java.nio.file.Path file : files) {
                List<ArticleFacts> facts = Json.MAPPER.readValue(file.toFile(), new TypeReference<List<ArticleFacts>>() { });
                for (ArticleFacts f : facts) {
                    if (out.put(f.id(), f.version()) != null) {
                        return Map.of("listed twice", f.id());
                    }
                }
            }
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
