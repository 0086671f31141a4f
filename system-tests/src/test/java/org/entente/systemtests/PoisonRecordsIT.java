package org.entente.systemtests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.cli.Main;
import org.entente.common.EntenteConfig;
import org.entente.common.Topics;
import org.entente.streams.StreamsApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Records on 'articles' that are no article go to 'articles-dlq' on a real broker; counting goes on. */
class PoisonRecordsIT {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");

    @TempDir
    Path data;

    @Test
    void eachPoisonRecordLandsOnTheDeadLetterTopicWithReasonAndOriginAndTheSeedsStillCount() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            String bootstrap = broker.bootstrapServers();
            StreamsApp streams = StreamsApp.start(EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap,
                    "entente.state.dir", data.resolve("streams").toString(), "entente.topic.replication.factor", "1")));
            try (InProcessViews views = new InProcessViews(bootstrap, Map.of(), data.resolve("views"))) {
                assertThat(streams.awaitRunning(Duration.ofSeconds(120))).isTrue();

                ByteArrayOutputStream huge = new ByteArrayOutputStream();
                huge.writeBytes("{\"id\":\"p4\",\"date\":\"2025-05\",\"title\":\"Huge\",\"body\":\"Vietnam and Laos on trade. ".getBytes(StandardCharsets.UTF_8));
                huge.writeBytes("x".repeat(10 * 1024 * 1024).getBytes(StandardCharsets.UTF_8));
                huge.writeBytes("\",\"source\":\"AFP\"}".getBytes(StandardCharsets.UTF_8));
                Map<String, byte[]> poison = new LinkedHashMap<>();
                poison.put("p1", "this is not json".getBytes(StandardCharsets.UTF_8));
                poison.put("p2", "{\"id\":\"p2\",\"date\":\"2025-05\",\"title\":\"No body\",\"source\":\"AFP\"}".getBytes(StandardCharsets.UTF_8));
                poison.put("p3", "{\"id\":\"p3\",\"date\":\"2025-13\",\"title\":\"T\",\"body\":\"Vietnam and Laos on trade.\",\"source\":\"AFP\"}".getBytes(StandardCharsets.UTF_8));
                poison.put("p4", huge.toByteArray());
                poison.put("p5", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
                Map<String, RecordMetadata> origins = new LinkedHashMap<>();
                Properties p = new Properties();
                p.put("bootstrap.servers", bootstrap);
                p.put("max.request.size", Integer.toString(16 * 1024 * 1024));
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (Map.Entry<String, byte[]> e : poison.entrySet()) {
                        origins.put(e.getKey(), producer.send(new ProducerRecord<>(Topics.ARTICLES,
                                e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue())).get(30, TimeUnit.SECONDS));
                    }
                }
                assertThat(Main.run("replay", SEEDS.toString(), "--bootstrap-servers", bootstrap)).isZero();

                Map<String, ConsumerRecord<String, byte[]>> dead = readDeadLetters(bootstrap, poison.size());
                assertThat(dead).containsOnlyKeys(poison.keySet());
                Map<String, String> reasons = new TreeMap<>();
                dead.forEach((key, r) -> {
                    reasons.put(key, header(r, "__streams.errors.message"));
                    RecordMetadata origin = origins.get(key);
                    assertThat(header(r, "__streams.errors.topic")).as(key).isEqualTo(Topics.ARTICLES);
                    assertThat(header(r, "__streams.errors.partition")).as(key).isEqualTo(Integer.toString(origin.partition()));
                    assertThat(header(r, "__streams.errors.offset")).as(key).isEqualTo(Long.toString(origin.offset()));
                    assertThat(r.value()).as("%s keeps the record as it came", key).isEqualTo(poison.get(key));
                });
                assertThat(reasons.get("p1")).startsWith("not a valid Article on topic articles: Unrecognized token 'this'");
                assertThat(reasons.get("p2")).isEqualTo("article has no body");
                assertThat(reasons.get("p3")).isEqualTo("date '2025-13' has no month 13");
                assertThat(reasons.get("p4")).isEqualTo("article text is over the limit of 1048576 bytes (entente.article.max.bytes)");
                assertThat(reasons.get("p5")).startsWith("not a valid Article on topic articles: Invalid UTF-8");

                Exactness.assertExact(bootstrap, Map.of(), data.resolve("views"), SeedExpectations.counts(),
                        SeedExpectations.versions(), Duration.ofMinutes(2));
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    private static Map<String, ConsumerRecord<String, byte[]>> readDeadLetters(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("max.partition.fetch.bytes", Integer.toString(17 * 1024 * 1024));
        p.put("fetch.max.bytes", Integer.toString(17 * 1024 * 1024));
        Map<String, ConsumerRecord<String, byte[]>> out = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.ARTICLES_DLQ, Duration.ofSeconds(30))
                    .forEach(i -> partitions.add(new TopicPartition(Topics.ARTICLES_DLQ, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.put(r.key(), r));
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
