package org.entente.systemtests;

import org.entente.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The same pipeline on the official apache/kafka image, where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class PipelineContainerIT {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");

    @TempDir
    Path data;

    @Test
    void countsTheSeedsExactlyOnTheOfficialImage() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();
        for (int run = 0; run < 2; run++) {
            assertThat(Main.run("demo", "--bootstrap-servers", bootstrap, "--data", data.toString(),
                    "--set", "entente.topic.replication.factor=1", "--seeds", SEEDS.toString())).isZero();
        }
        assertThat(TopicTables.readCounts(bootstrap)).isEqualTo(SeedExpectations.counts());
        assertThat(Views.all(data.resolve("views"))).isEqualTo(SeedExpectations.counts());
    }
}
