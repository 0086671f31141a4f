package org.entente.systemtests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
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
        int total = feed.records.size();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            bootstrap = broker.bootstrapServers();
            createTopics();
            Path state = data.resolve("streams-state");
            ChildJvm app = streams("streams", state);
            try (InProcessViews views = new InProcessViews(bootstrap, Map.of(), data.resolve("views"));
                 GeneratedFeed running = feed.replayingFromFailures().start(bootstrap, Map.of(), Duration.ofSeconds(45))) {
                for (int kill = 1; kill <= 3; kill++) {
                    // a random point of the feed, once this instance has committed work of its own
                    int strikeAt = total * kill / 5 + random.nextInt(total / 20);
                    long factsAtStart = sum(committedEnds(Topics.ARTICLE_FACTS));
                    Waits.until("kill " + kill + ": " + strikeAt + " records sent and the instance committing facts",
                            Duration.ofMinutes(2),
                            () -> running.sent() >= strikeAt && sum(committedEnds(Topics.ARTICLE_FACTS)) > factsAtStart);
                    assertThat(running.sent()).as("kill %d strikes while articles still arrive", kill).isLessThan(total);
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
                 // paced to outlast the takeover on a slow machine, rushed once A is back
                 GeneratedFeed running = feed.replayingFromFailures().start(bootstrap, Map.of(), Duration.ofMinutes(4))) {
                Waits.until("both instances share the partitions and a fifth of the feed is in", Duration.ofMinutes(2),
                        () -> groupMembers() == 2 && running.acknowledged() >= feed.records.size() / 5);
                a.kill();
                // past the session timeout (10 s) the group drops A and B owns every partition
                Waits.until("the group settles on B alone", Duration.ofSeconds(60), () -> groupMembers() == 1);
                Map<TopicPartition, Long> before = committedEnds(Topics.ARTICLE_FACTS);
                Waits.until("every article-facts partition advances while only B runs", Duration.ofSeconds(60), () -> {
                    Map<TopicPartition, Long> now = committedEnds(Topics.ARTICLE_FACTS);
                    return before.entrySet().stream().allMatch(e -> now.get(e.getKey()) > e.getValue());
                });
                assertThat(running.sent()).as("the takeover is seen while articles still arrive")
                        .isLessThan(feed.records.size());
                a = streams("streams-a", data.resolve("state-a"));
                Waits.until("A returns and the group shares the partitions again", Duration.ofMinutes(2),
                        () -> groupMembers() == 2);
                assertThat(running.sent()).as("A returns while articles still arrive").isLessThan(feed.records.size());
                running.rush();
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

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Members of the streams group once it is stable; -1 while it forms or rebalances. */
    private int groupMembers() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("entente-streams")).all()
                    .get(30, TimeUnit.SECONDS).get("entente-streams");
            return group.groupState() == GroupState.STABLE ? group.members().size() : -1;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return -1; // no instance has joined yet
            }
            throw e;
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
