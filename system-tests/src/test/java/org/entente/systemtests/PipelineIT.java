package org.entente.systemtests;

import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.cli.Main;
import org.entente.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole pipeline on a real broker started in this JVM, as {@code ./entente demo} runs it. */
class PipelineIT {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");

    @TempDir
    Path data;

    @Test
    void countsTheSeedsExactlyAndAReplayChangesNothing() throws Exception {
        int first = Main.run("demo", "--data", data.toString(), "--port", "0", "--seeds", SEEDS.toString());
        assertThat(first).isZero();
        Path views = data.resolve("views");
        Map<String, Map<String, Long>> afterFirst = Views.all(views);
        assertThat(afterFirst).isEqualTo(SeedExpectations.counts());
        assertThat(Files.readString(views.resolve("pair-counts.csv"))).isEqualTo("pair,articles\nKG-VN,1\nKZ-VN,1\n");
        String csvBefore = Files.readString(views.resolve("pair-domain-counts.csv"));

        // the same data directory, the same seeds: a second run reuses the broker's data and counts nothing twice
        int second = Main.run("demo", "--data", data.toString(), "--port", "0", "--seeds", SEEDS.toString());
        assertThat(second).isZero();
        assertThat(Views.all(views)).isEqualTo(SeedExpectations.counts());
        assertThat(Files.readString(views.resolve("pair-domain-counts.csv"))).isEqualTo(csvBefore);
    }

    @Test
    void theOutputTopicsArePlainKafkaDataThatAnyClientReads() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            String bootstrap = broker.bootstrapServers();
            assertThat(Main.run("demo", "--bootstrap-servers", bootstrap, "--data", data.toString(),
                    "--set", "entente.topic.replication.factor=1", "--seeds", SEEDS.toString())).isZero();
            assertThat(Main.run("replay", "--bootstrap-servers", bootstrap, SEEDS.toString())).isZero();
            assertThat(Main.run("demo", "--bootstrap-servers", bootstrap, "--data", data.toString(),
                    "--set", "entente.topic.replication.factor=1", "--seeds", SEEDS.toString())).isZero();

            assertThat(TopicTables.readCounts(bootstrap)).isEqualTo(SeedExpectations.counts());
            assertThat(Views.all(data.resolve("views"))).isEqualTo(SeedExpectations.counts());

            // a second, independent client: librdkafka's kcat, when the machine has it
            if (kcatAvailable()) {
                Process kcat = new ProcessBuilder("kcat", "-b", bootstrap, "-C", "-t", Topics.PAIR_COUNTS, "-e", "-q",
                        "-f", "%k=%s\n").redirectErrorStream(true).start();
                assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
                // a compacted topic is a table: the latest value of each key is what it says
                Map<String, String> table = new TreeMap<>();
                for (String line : new String(kcat.getInputStream().readAllBytes()).strip().split("\n")) {
                    table.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
                assertThat(table).containsExactly(Map.entry("KG-VN", "{\"pair\":\"KG-VN\",\"articles\":1}"),
                        Map.entry("KZ-VN", "{\"pair\":\"KZ-VN\",\"articles\":1}"));
            }
        }
    }

    static boolean kcatAvailable() {
        try {
            return new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
