package org.entente.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.entente.bench.GeneratedArticle;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.common.Article;
import org.entente.common.EntenteConfig;
import org.entente.common.Json;
import org.entente.common.Topics;
import org.entente.common.articles.JsonLinesFormat;
import org.entente.streams.StreamsApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer and the view writer killed with SIGKILL while they work: nothing lost, nothing doubled. */
class ClientFaultsIT {
    @TempDir
    Path data;

    private String bootstrap;

    private StreamsApp startStreams() throws InterruptedException {
        StreamsApp app = StreamsApp.start(EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap,
                "entente.state.dir", data.resolve("streams-state").toString(), "entente.topic.replication.factor", "1")));
        assertThat(app.awaitRunning(Duration.ofSeconds(120))).isTrue();
        return app;
    }

    @Test
    void aReplayKilledTwiceThenRunAgainFromTheStartCountsEveryArticleOnce() throws Exception {
        GeneratedFeed feed = new GeneratedFeed(6000, 9);
        Path feedFile = data.resolve("feed.jsonl");
        List<String> lines = new ArrayList<>();
        for (GeneratedArticle g : feed.records) {
            lines.add(JsonLinesFormat.format(g.retraction() ? Article.retraction(g.article().id(), null) : g.article()));
        }
        Files.write(feedFile, lines, StandardCharsets.UTF_8);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            bootstrap = broker.bootstrapServers();
            StreamsApp streams = startStreams();
            try (InProcessViews views = new InProcessViews(bootstrap, Map.of(), data.resolve("views"))) {
                for (int kill = 1; kill <= 2; kill++) {
                    long before = articlesEnd();
                    ChildJvm replay = replay("replay-" + kill, feedFile);
                    Waits.until("replay " + kill + " has published 600 records or ended", Duration.ofSeconds(60),
                            () -> articlesEnd() - before >= 600 || !replay.isAlive());
                    assertThat(replay.isAlive()).as("replay %d is still publishing when killed", kill).isTrue();
                    replay.kill();
                    assertThat(articlesEnd() - before).as("replay %d was cut short", kill)
                            .isGreaterThan(0).isLessThan(feed.records.size());
                }
                ChildJvm full = replay("replay-full", feedFile);
                assertThat(full.await(Duration.ofMinutes(3))).as(full.output()).isZero();
                Exactness.assertExact(bootstrap, Map.of(), data.resolve("views"), feed.truth, Duration.ofMinutes(4));
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void aViewWriterKilledWhileWritingLeavesWholeFilesAndConvergesAfterItsRestart() throws Exception {
        Random random = new Random(42);
        GeneratedFeed feed = new GeneratedFeed(4000, 13);
        Path views = data.resolve("views");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            bootstrap = broker.bootstrapServers();
            StreamsApp streams = startStreams();
            ChildJvm writer = views("views");
            // paced to last far longer than the kills take, however slow the machine; rushed after them
            try (GeneratedFeed running = feed.start(bootstrap, Map.of(), Duration.ofMinutes(10))) {
                for (int kill = 1; kill <= 5; kill++) {
                    // a random moment once this writer has flushed one to three times
                    long strikeAt = flushes(views) + 1 + random.nextInt(3);
                    Waits.until("the view writer reaches flush " + strikeAt, Duration.ofSeconds(60),
                            () -> flushes(views) >= strikeAt);
                    assertThat(running.sent()).as("kill %d strikes while articles arrive", kill)
                            .isLessThan(feed.records.size());
                    writer.kill();
                    assertWholeFiles(views);
                    writer = views("views");
                }
                running.rush();
                running.awaitSent(Duration.ofMinutes(3));
                Exactness.assertExact(bootstrap, Map.of(), views, feed.truth, Duration.ofMinutes(4));
                writer.close();
                try (Stream<Path> files = Files.walk(views)) {
                    assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")))
                            .as("temporary files of interrupted flushes are cleaned up").isEmpty();
                }
            } finally {
                writer.close();
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    private ChildJvm replay(String name, Path file) throws IOException {
        return ChildJvm.start(name, data.resolve("logs").resolve(name + ".log"), "replay", file.toString(),
                "--bootstrap-servers", bootstrap);
    }

    private ChildJvm views(String name) throws IOException {
        return ChildJvm.start(name, data.resolve("logs").resolve(name + ".log"), "views", "--out", data.resolve("views").toString(),
                "--metrics-listen", Ports.freeLocalAddress(), "--bootstrap-servers", bootstrap);
    }

    private long articlesEnd() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(Topics.ARTICLES)).allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.ARTICLES)
                    .partitions().forEach(i -> request.put(new TopicPartition(Topics.ARTICLES, i.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    /**
     * Every file the writer left parses completely: JSON to its end (the article files too), CSV
     * row for row, the page to its last tag.
     */
    private static void assertWholeFiles(Path views) throws IOException {
        if (!Files.exists(views.resolve("manifest.json"))) {
            return;
        }
        try (Stream<Path> files = Files.walk(views)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // a flush cut short: hidden, removed when the writer starts again
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (name.endsWith(".json")) {
                    JsonNode node = Json.MAPPER.readTree(text);
                    assertThat(node).as(name).isNotNull();
                    if (!name.equals("manifest.json")) {
                        assertThat(node.isArray()).as(name + " is a whole JSON array").isTrue();
                        String csv = name.replace(".json", ".csv");
                        if (Files.exists(views.resolve(csv))) {
                            // the CSV of the same flush or of the next one: both whole, header first
                            assertThat(Files.readAllLines(views.resolve(csv)).get(0)).as(csv).contains("articles");
                        }
                    }
                } else if (name.endsWith(".html")) {
                    assertThat(text.stripTrailing()).as(name).endsWith("</html>");
                }
            }
        }
    }

    /** Flushes the manifest on disk records; 0 before the first. */
    private static long flushes(Path views) throws IOException {
        Path manifest = views.resolve("manifest.json");
        return Files.exists(manifest) ? Json.MAPPER.readTree(manifest.toFile()).path("flushes").asLong() : 0;
    }
}
