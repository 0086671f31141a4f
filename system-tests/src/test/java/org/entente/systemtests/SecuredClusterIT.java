package org.entente.systemtests;

import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.broker.ScramUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline against a broker that requires SASL/SCRAM-SHA-512: credentials from a
 * properties file or from the environment, never from the command line; a wrong password is a
 * clear, early error; no password ever reaches the logs, even with Kafka logging every setting.
 */
class SecuredClusterIT {
    private static final String PASSWORD = "Tr0ub4dor-and-3-7731";
    private static final String WRONG = "guessed-wrongly-4412";

    @TempDir
    Path data;

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"analyst\" password=\""
                + password + "\";";
    }

    private Path clientFile(String name, String password) throws Exception {
        Path file = data.resolve(name);
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=" + jaas(password),
                "entente.topic.replication.factor=1", ""), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void runsThePipelineWithTheRightCredentialsFailsEarlyWithWrongOnesAndNeverLogsThem() throws Exception {
        BrokerSettings settings = new BrokerSettings(data.resolve("kafka"), 0, Map.of(), List.of(new ScramUser("analyst", PASSWORD)));
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
            String bootstrap = broker.bootstrapServers();
            Path logs = data.resolve("logs");
            Path views = data.resolve("views");

            // the streams app and the view writer read their credentials from a file
            try (ChildJvm streams = ChildJvm.start("streams", logs.resolve("streams.log"), Map.of(), "info", "streams",
                    "--bootstrap-servers", bootstrap, "--config", clientFile("client.properties", PASSWORD).toString(),
                    "--state-dir", data.resolve("state").toString(), "--query-listen", Ports.freeLocalAddress());
                 ChildJvm writer = ChildJvm.start("views", logs.resolve("views.log"), Map.of(), "info", "views",
                         "--bootstrap-servers", bootstrap, "--config", data.resolve("client.properties").toString(),
                         "--out", views.toString(), "--metrics-listen", Ports.freeLocalAddress())) {
                // the producer reads them from the environment
                ChildJvm replay = ChildJvm.start("replay", logs.resolve("replay.log"), Map.of(
                        "ENTENTE_BOOTSTRAP_SERVERS", bootstrap,
                        "ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "ENTENTE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "ENTENTE_KAFKA_SASL_JAAS_CONFIG", jaas(PASSWORD)), "info", "replay", SeedExpectations.SEEDS.toString());
                assertThat(replay.await(Duration.ofMinutes(2))).as(replay.output()).isZero();

                Map<String, String> client = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", jaas(PASSWORD));
                Exactness.assertExact(bootstrap, client, views, SeedExpectations.counts(), SeedExpectations.versions(),
                        Duration.ofMinutes(2));
                assertThat(streams.isAlive()).isTrue();
                assertThat(writer.isAlive()).isTrue();
            }

            // a wrong password: each command stops within seconds and says why, without the password
            long started = System.nanoTime();
            ChildJvm wrongReplay = ChildJvm.start("replay-wrong", logs.resolve("replay-wrong.log"), Map.of(), "info", "replay",
                    SeedExpectations.SEEDS.toString(), "--bootstrap-servers", bootstrap,
                    "--config", clientFile("wrong.properties", WRONG).toString());
            assertThat(wrongReplay.await(Duration.ofSeconds(90))).isEqualTo(1);
            ChildJvm wrongStreams = ChildJvm.start("streams-wrong", logs.resolve("streams-wrong.log"), Map.of(), "info",
                    "streams", "--bootstrap-servers", bootstrap, "--config", data.resolve("wrong.properties").toString(),
                    "--state-dir", data.resolve("state-wrong").toString(), "--query-listen", Ports.freeLocalAddress());
            assertThat(wrongStreams.await(Duration.ofSeconds(90))).isEqualTo(1);
            ChildJvm wrongViews = ChildJvm.start("views-wrong", logs.resolve("views-wrong.log"), Map.of(), "info",
                    "views", "--bootstrap-servers", bootstrap, "--config", data.resolve("wrong.properties").toString(),
                    "--out", data.resolve("views-wrong").toString(), "--metrics-listen", Ports.freeLocalAddress());
            assertThat(wrongViews.await(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(150));
            assertThat(wrongReplay.output()).contains("entente: ").containsIgnoringCase("authentication failed");
            assertThat(wrongStreams.output()).contains("entente: ").containsIgnoringCase("authentication failed");
            assertThat(wrongViews.output()).contains("entente: ").containsIgnoringCase("authentication failed");

            try (var files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    String text = Files.readString(log, StandardCharsets.UTF_8);
                    assertThat(text).as(log.getFileName().toString()).doesNotContain(PASSWORD).doesNotContain(WRONG);
                }
            }
            // the logs were verbose enough to have shown them: every client logged its settings
            assertThat(Files.readString(logs.resolve("streams.log"))).contains("sasl.jaas.config = [hidden]");
        }
    }
}
