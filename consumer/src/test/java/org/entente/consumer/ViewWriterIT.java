package org.entente.consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.common.ArticleFacts;
import org.entente.common.CountValue;
import org.entente.common.EntenteConfig;
import org.entente.common.Evidence;
import org.entente.common.Json;
import org.entente.common.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ViewWriterIT {
    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(BrokerSettings.plaintext(dir.resolve("kafka"), 0));
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            Topics.VIEW_TOPICS.forEach(t -> topics.add(new NewTopic(t, 2, (short) 1)));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        p.put("transactional.id", "view-writer-it");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @AfterEach
    void stop() {
        producer.close();
        broker.close();
    }

    private void publish(Map<String, Object> records, String topic) throws Exception {
        producer.beginTransaction();
        for (Map.Entry<String, Object> e : records.entrySet()) {
            producer.send(new ProducerRecord<>(topic, e.getKey(), e.getValue() == null ? null : Json.MAPPER.writeValueAsBytes(e.getValue())));
        }
        producer.commitTransaction();
    }

    private void publishArticle(String id, String version, String pair, String domain, String month, long pairCount,
                                long domainCount) throws Exception {
        publish(Map.of(id, new ArticleFacts(id, version, month, "T " + id, "AFP", List.of(pair.split("-")), List.of(pair),
                List.of(domain), List.of(new Evidence("x", 0, 1, Evidence.COUNTRY, "VN")))), Topics.ARTICLE_FACTS);
        publish(Map.of(pair + "|" + domain, new CountValue(pair, domain, null, pairCount)), Topics.PAIR_DOMAIN_COUNTS);
        publish(Map.of(pair, new CountValue(pair, null, null, pairCount)), Topics.PAIR_COUNTS);
        publish(Map.of(domain, new CountValue(null, domain, null, domainCount)), Topics.DOMAIN_COUNTS);
        publish(Map.of(pair + "|" + month, new CountValue(pair, null, month, pairCount)), Topics.PAIR_MONTH_COUNTS);
    }

    private ViewWriter writer(Path out) {
        EntenteConfig config = EntenteConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(),
                ViewSettings.DIR, out.toString(), ViewSettings.FLUSH_MS, "50"));
        return new ViewWriter(new KafkaConsumer<>(ViewSettings.consumerProperties(config), new StringDeserializer(),
                new ByteArrayDeserializer()), ViewSettings.from(config));
    }

    @Test
    void writesTheViewsAndContinuesFromTheFilesAfterARestart() throws Exception {
        Path out = dir.resolve("views");
        publishArticle("a1", "v1", "KZ-VN", "trade", "2025-05", 1, 1);

        ViewWriter first = writer(out);
        Thread t1 = new Thread(first);
        t1.start();
        assertThat(first.awaitFlushedState(s -> s.reflects(Map.of("a1", "v1")), Duration.ofSeconds(60))).isTrue();
        first.close();
        t1.join(30_000);
        assertThat(Files.readString(out.resolve("pair-counts.csv"))).isEqualTo("pair,articles\nKZ-VN,1\n");
        long flushes = Json.MAPPER.readTree(out.resolve("manifest.json").toFile()).get("flushes").asLong();

        // while it is down: a second article, and a record that is not JSON
        publishArticle("a2", "v1", "KG-VN", "trade", "2025-02", 1, 2);
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(Topics.PAIR_COUNTS, "XX-YY", "{broken".getBytes()));
        producer.commitTransaction();

        ViewWriter second = writer(out);
        // a flush listener sees, on the writer's thread, what the files show right after each flush
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        second.addFlushListener(s -> seen.add(s.flushes() + ":" + new java.util.TreeMap<>(s.articleVersions())
                + ":" + s.counts().get(Topics.DOMAIN_COUNTS)));
        Thread t2 = new Thread(second);
        t2.start();
        assertThat(second.awaitFlushedState(s -> s.articleVersions().keySet().equals(java.util.Set.of("a1", "a2")),
                Duration.ofSeconds(60))).isTrue();
        // state() is a copy made by the writer on request, and stays what it was
        ViewState copy = second.state();
        assertThat(copy.articleVersions()).isEqualTo(Map.of("a1", "v1", "a2", "v1"));
        assertThat(copy.counts().get(Topics.PAIR_COUNTS)).isEqualTo(Map.of("KZ-VN", 1L, "KG-VN", 1L));
        assertThat(copy.consistent()).isTrue();
        second.close();
        t2.join(30_000);

        assertThat(Files.readString(out.resolve("pair-counts.csv"))).isEqualTo("pair,articles\nKG-VN,1\nKZ-VN,1\n");
        assertThat(Files.readString(out.resolve("domain-counts.csv"))).isEqualTo("domain,articles\ntrade,2\n");
        assertThat(Files.readString(out.resolve("pair-month-counts.csv")))
                .isEqualTo("pair,month,articles\nKG-VN,2025-02,1\nKZ-VN,2025-05,1\n");
        var manifest = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("consistent").asBoolean()).isTrue();
        assertThat(manifest.get("articles").asInt()).isEqualTo(2);
        assertThat(manifest.get("flushes").asLong()).isGreaterThan(flushes);
        // the first call is the state loaded from the files, before any flush of this writer
        assertThat(seen).first().isEqualTo(flushes + ":{a1=v1}:{trade=1}");
        assertThat(seen).last().isEqualTo(manifest.get("flushes").asLong() + ":{a1=v1, a2=v1}:{trade=2}");
        assertThat(second.prometheusMetrics()).contains("entente_views_records_skipped_total 1\n")
                .contains("entente_views_consistent 1\n").contains("entente_views_articles 2\n")
                .contains("# TYPE entente_views_flush_seconds_total counter\n");
        // where the writer's time went: every flush counted (those before the restart included)
        assertThat(second.timings().flushes()).isEqualTo(manifest.get("flushes").asLong());
        assertThat(second.timings().flushNanos()).isPositive();
        assertThat(second.timings().applyNanos()).isPositive();
        double flushSeconds = Double.parseDouble(second.prometheusMetrics().lines()
                .filter(l -> l.startsWith("entente_views_flush_seconds_total ")).findFirst().orElseThrow().split(" ")[1]);
        assertThat(flushSeconds).isPositive();
        // the writer thread's CPU within flushes: some, and never more than their time
        double flushCpuSeconds = Double.parseDouble(second.prometheusMetrics().lines()
                .filter(l -> l.startsWith("entente_views_flush_cpu_seconds_total ")).findFirst().orElseThrow().split(" ")[1]);
        assertThat(flushCpuSeconds).isPositive().isLessThanOrEqualTo(flushSeconds);
        assertThat(second.timings().flushCpuNanos()).isPositive().isLessThanOrEqualTo(second.timings().flushNanos());
        // the page's own thread: the page of the settled state at least (one per flush at most),
        // its CPU time some and never more than its time, and the metric says the same
        ViewWriter.Timings timings = second.timings();
        assertThat(timings.pageRenders()).isBetween(1L, timings.flushes());
        assertThat(timings.pageRenderCpuNanos()).isPositive().isLessThanOrEqualTo(timings.pageRenderNanos());
        assertThat(second.prometheusMetrics()).contains("entente_views_pages_total " + timings.pageRenders() + "\n");
        try (MetricsServer server = MetricsServer.start("localhost:0", second::prometheusMetrics)) {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + server.port() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(second.prometheusMetrics());
        }
    }

    @Test
    void aFreshDirectoryGetsTheWholeTableWhateverTheGroupCommitted() throws Exception {
        publishArticle("a1", "v1", "KZ-VN", "trade", "2025-05", 1, 1);
        ViewWriter first = writer(dir.resolve("views-a"));
        Thread t1 = new Thread(first);
        t1.start();
        assertThat(first.awaitFlushedState(s -> s.reflects(Map.of("a1", "v1")), Duration.ofSeconds(60))).isTrue();
        first.close();
        t1.join(30_000);
        // the flushes commit the group's offsets without waiting for them; a writer that stops
        // has them committed: the group is at the end of every partition the writer read
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("entente-views").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> ends.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<org.apache.kafka.common.TopicPartition, Long> endOffsets = new java.util.HashMap<>();
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> endOffsets.put(tp, info.offset()));
            assertThat(committed).hasSize(2 * Topics.VIEW_TOPICS.size());
            committed.forEach((tp, offset) -> assertThat(offset.offset()).as("%s", tp).isEqualTo(endOffsets.get(tp)));
            // one transaction (a record and its commit marker) on one partition of each topic
            assertThat(committed.values().stream().mapToLong(o -> o.offset()).sum()).isEqualTo(2L * Topics.VIEW_TOPICS.size());
        }

        // same consumer group, new directory: it must not start from the committed offsets
        ViewWriter second = writer(dir.resolve("views-b"));
        Thread t2 = new Thread(second);
        t2.start();
        assertThat(second.awaitFlushedState(s -> s.reflects(Map.of("a1", "v1")), Duration.ofSeconds(60))).isTrue();
        second.close();
        t2.join(30_000);
        assertThat(Files.readString(dir.resolve("views-b").resolve("pair-counts.csv"))).isEqualTo("pair,articles\nKZ-VN,1\n");
    }

    @Test
    void viewsWrittenBeforeTheArticleFilesAreRebuiltFromTheTopics() throws Exception {
        publishArticle("a1", "v1", "KZ-VN", "trade", "2025-05", 1, 1);
        publishArticle("a2", "v1", "KG-VN", "trade", "2025-02", 1, 2);
        // an older writer's directory: one articles.json, a manifest past every record, no article files
        Path out = Files.createDirectories(dir.resolve("views-old"));
        Files.writeString(out.resolve("articles.json"), "[\n]\n");
        Files.writeString(out.resolve("pair-counts.csv"), "pair,articles\nXX-YY,9\n");
        for (String topic : Topics.COUNT_TOPICS) {
            Files.writeString(out.resolve(ViewTables.jsonName(topic)), topic.equals(Topics.PAIR_COUNTS)
                    ? "[{\"pair\":\"XX-YY\",\"articles\":9}]" : "[]");
        }
        Files.writeString(out.resolve(ViewWriter.MANIFEST), "{\"offsets\":{},\"flushes\":7,\"articles\":0,\"consistent\":true}");

        ViewWriter writer = writer(out);
        Thread t = new Thread(writer);
        t.start();
        assertThat(writer.awaitFlushedState(s -> s.reflects(Map.of("a1", "v1", "a2", "v1")), Duration.ofSeconds(60))).isTrue();
        writer.close();
        t.join(30_000);
        assertThat(out.resolve("articles.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("pair-counts.csv"))).isEqualTo("pair,articles\nKG-VN,1\nKZ-VN,1\n");
        List<ArticleFacts> listed = Json.MAPPER.readValue(out.resolve("articles").resolve("00000.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<List<ArticleFacts>>() { });
        assertThat(listed).extracting(ArticleFacts::id).containsExactlyInAnyOrder("a1", "a2");
        assertThat(Json.MAPPER.readTree(out.resolve(ViewWriter.MANIFEST).toFile()).get("articleFiles").asInt()).isEqualTo(1);
    }
}
