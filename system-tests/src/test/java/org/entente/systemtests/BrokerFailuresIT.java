package org.entente.systemtests;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.entente.common.EntenteConfig;
import org.entente.common.Topics;
import org.entente.streams.StreamsApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-broker cluster (replication 3, min ISR 2) loses the leader of the articles' first
 * partition twice during ingestion; the counts stay exact.
 */
class BrokerFailuresIT {
    @TempDir
    Path data;

    @Test
    void countsStayExactWhenAPartitionLeaderStopsAndReturnsTwice() throws Exception {
        GeneratedFeed feed = new GeneratedFeed(3000, 17);
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setBaseDirectory(data.resolve("cluster")).build())
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            StreamsApp streams = StreamsApp.start(EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap,
                    "entente.state.dir", data.resolve("streams-state").toString(), "entente.topic.replication.factor", "3")));
            try (InProcessViews views = new InProcessViews(bootstrap, Map.of(), data.resolve("views"))) {
                assertThat(streams.awaitRunning(Duration.ofSeconds(120))).isTrue();
                assertThat(describe(bootstrap, Topics.ARTICLE_FACTS).partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                try (GeneratedFeed running = feed.start(bootstrap, Map.of(), Duration.ofSeconds(45))) {
                    for (int failure = 1; failure <= 2; failure++) {
                        int strikeAt = feed.records.size() * failure / 4;
                        Waits.until("failure " + failure + ": " + strikeAt + " records acknowledged", Duration.ofMinutes(2),
                                () -> running.acknowledged() >= strikeAt);
                        int leader = describe(bootstrap, Topics.ARTICLES).partitions().get(0).leader().id();
                        BrokerServer server = cluster.brokers().get(leader);
                        server.shutdown(Duration.ofSeconds(30));
                        server.awaitShutdown();
                        assertThat(running.sent()).as("failure %d strikes while articles still arrive", failure)
                                .isLessThan(feed.records.size());
                        // the two brokers left still make min.insync.replicas: writes go on under new leaders
                        int ackedWhileDown = running.acknowledged();
                        Waits.until("records acknowledged while broker " + leader + " is down", Duration.ofSeconds(60),
                                () -> running.acknowledged() >= ackedWhileDown + 200);
                        server.startup();
                        awaitFullIsr(bootstrap, Duration.ofSeconds(90));
                    }
                    running.awaitSent(Duration.ofMinutes(3));
                }
                Exactness.assertExact(bootstrap, Map.of(), data.resolve("views"), feed.truth, Duration.ofMinutes(4));
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        } finally {
            closeWithin(cluster, Duration.ofSeconds(60));
        }
    }

    private static TopicDescription describe(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        }
    }

    /** Waits until every replica of the articles topic is back in sync. */
    private static void awaitFullIsr(String bootstrap, Duration timeout) throws Exception {
        Waits.until("every replica of " + Topics.ARTICLES + " back in sync", timeout,
                () -> describe(bootstrap, Topics.ARTICLES).partitions().stream().allMatch(p -> p.isr().size() == 3));
    }

    /** Closing a test cluster can hang on a broker that lost its controller: bounded. */
    private static void closeWithin(KafkaClusterTestKit cluster, Duration timeout) throws Exception {
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closing = closer.submit(() -> {
                cluster.close();
                return null;
            });
            closing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the JVM of this test ends soon after; the directories are temporary
        } finally {
            closer.shutdownNow();
        }
    }
}
