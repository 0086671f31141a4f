package org.entente.systemtests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.common.Topics;
import org.entente.common.TopicSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app killed with SIGKILL in the middle of its transactions, as Kafka's own
 * exactly-once system tests do it: every count stays exact.
 */
class StreamsFaultsIT {
    private static final int PARTITIONS = 6;

    @TempDir
    Path data;

    private String bootstrap;

    private ChildJvm streams(String name, Path stateDir) throws Exception {
        return ChildJvm.start(name, data.resolve("logs").resolve(name + ".log"), "streams",
                "--bootstrap-servers", bootstrap, "--state-dir", stateDir.toString(), "--threads", "1",
                "--query-listen", Ports.freeLocalAddress(), "--set", "entente.topic.replication.factor=1");
    }

    private void createTopics() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            TopicSetup.ensure(admin, PARTITIONS, (short) 1);
        }
    }

    @Test
    void countsStayExactWhenTheStreamsProcessIsKilledThreeTimesMidIngestion() throws Exception {
        Random random = new Random(20261122);
        GeneratedFeed feed = new GeneratedFeed(4000, 3);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            bootstrap = broker.bootstrapServers();
            createTopics();
            Path state = data.resolve("streams-state");
            ChildJvm app = streams("streams", state);
            try (InProcessViews views = new InProcessViews(bootstrap, Map.of(), data.resolve("views"));
                 GeneratedFeed running = feed.start(bootstrap, Map.of(), Duration.ofSeconds(45))) {
                for (int kill = 1; kill <= 3; kill++) {
                    Thread.sleep(6_000 + random.nextInt(5_000));
                    assertThat(running.sent()).as("kill %d strikes while articles still arrive", kill)
                            .isLessThan(feed.records.size());
                    app.kill();
                    app = streams("streams", state);
                }
                running.awaitSent(Duration.ofMinutes(3));
                Exactness.assertExact(bootstrap, Map.of(), data.resolve("views"), feed.truth, Duration.ofMinutes(4),
                        () -> ChildJvm.problems(data.resolve("logs")));
            } finally {
                app.close();
            }
        }
    }

    @Test
    void aSecondInstanceTakesOverTheWorkOfAKilledOneAndSharesAgainWhenItReturns() throws Exception {
        GeneratedFeed feed = new GeneratedFeed(4000, 5);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            bootstrap = broker.bootstrapServers();
            createTopics();
            ChildJvm a = streams("streams-a", data.resolve("state-a"));
            ChildJvm b = streams("streams-b", data.resolve("state-b"));
            try (InProcessViews views = new InProcessViews(bootstrap, Map.of(), data.resolve("views"));
                 GeneratedFeed running = feed.start(bootstrap, Map.of(), Duration.ofSeconds(60))) {
                Thread.sleep(10_000);
                a.kill();
                // past the session timeout (10 s) the group drops A and B owns every partition
                Thread.sleep(15_000);
                Map<TopicPartition, Long> before = committedEnds(Topics.ARTICLE_FACTS);
                Thread.sleep(10_000);
                Map<TopicPartition, Long> after = committedEnds(Topics.ARTICLE_FACTS);
                assertThat(running.sent()).as("the takeover is seen while articles still arrive")
                        .isLessThan(feed.records.size());
                before.forEach((tp, offset) -> assertThat(after.get(tp))
                        .as("%s advances while only B runs", tp).isGreaterThan(offset));
                a = streams("streams-a", data.resolve("state-a"));
                running.awaitSent(Duration.ofMinutes(3));
                Exactness.assertExact(bootstrap, Map.of(), data.resolve("views"), feed.truth, Duration.ofMinutes(4),
                        () -> ChildJvm.problems(data.resolve("logs")));
                assertThat(a.isAlive()).isTrue();
                assertThat(b.isAlive()).isTrue();
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private Map<TopicPartition, Long> committedEnds(String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int i = 0; i < PARTITIONS; i++) {
                request.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }
}
