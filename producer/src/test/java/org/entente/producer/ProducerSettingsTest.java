package org.entente.producer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.entente.common.EntenteConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerSettingsTest {
    private static final EntenteConfig CONFIG = EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, "k:9092"));

    @Test
    void filesAreABulkLoadInFullBatches() {
        Properties p = ProducerSettings.forInputs(CONFIG, List.of(Path.of("corpus"), Path.of("seeds/a.txt")));
        assertThat(p.getProperty(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("50");
        assertThat(p.getProperty(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo("1048576");
        assertThat(p.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
        assertThat(p.getProperty(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
    }

    @Test
    void standardInputAmongTheInputsIsALiveFeed() {
        Properties p = ProducerSettings.forInputs(CONFIG, List.of(Path.of("corpus"), Path.of("-")));
        assertThat(p.getProperty(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("10");
        assertThat(p.getProperty(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo("262144");
    }

    @Test
    void aClientSettingGivenOverridesEither() {
        EntenteConfig config = CONFIG.with(Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"));
        assertThat(ProducerSettings.forFiles(config).getProperty(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("5");
        assertThat(ProducerSettings.properties(config).getProperty(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("5");
    }
}
