package org.entente.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntenteConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsThenFileThenEnvironmentThenFlags() throws IOException {
        Path file = dir.resolve("entente.properties");
        Files.writeString(file, String.join("\n",
                "entente.views.dir=/from/file",
                "entente.commit.interval.ms=500",
                "entente.topic.partitions=12",
                "security.protocol=SASL_SSL"));
        EntenteConfig config = EntenteConfig.load(
                Map.of("entente.views.dir", "/default", "entente.stream.threads", "1", "entente.topic.partitions", "3"),
                file,
                Map.of("ENTENTE_COMMIT_INTERVAL_MS", "250", "ENTENTE_BOOTSTRAP_SERVERS", "env:9092",
                        "ENTENTE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "PATH", "/usr/bin"),
                Map.of("entente.topic.partitions", "24"));

        assertThat(config.get("entente.stream.threads")).isEqualTo("1");            // default
        assertThat(config.get("entente.views.dir")).isEqualTo("/from/file");        // file over default
        assertThat(config.get("entente.commit.interval.ms")).isEqualTo("250");      // environment over file
        assertThat(config.get("entente.topic.partitions")).isEqualTo("24");         // flag over everything
        assertThat(config.bootstrapServers()).isEqualTo("env:9092");
        assertThat(config.clientProperties()).containsOnlyKeys("bootstrap.servers", "security.protocol", "sasl.mechanism");
        assertThat(config.clientProperties().get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void neverPrintsASecret() {
        EntenteConfig config = EntenteConfig.of(Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";",
                "ssl.truststore.password", "hunter3", "entente.views.dir", "/v"));
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("hunter3")
                .contains("sasl.jaas.config=[hidden]").contains("entente.views.dir=/v");
    }

    @Test
    void aBadNumberNamesTheSetting() {
        EntenteConfig config = EntenteConfig.of(Map.of("entente.topic.partitions", "six"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.getInt("entente.topic.partitions", 6))
                .hasMessage("setting entente.topic.partitions must be a whole number, got 'six'");
    }
}
