package org.entente.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.entente.common.EntenteConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsSettingsTest {
    private static final String PRODUCER_IN_FLIGHT = "producer.max.in.flight.requests.per.connection";

    @Test
    void transactionsOfOneRequestInFlightPerBroker() {
        Properties p = StreamsSettings.properties(EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, "k:9092")));
        assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.getProperty(PRODUCER_IN_FLIGHT)).isEqualTo("1");
        // what Kafka Streams hands its producers
        Map<String, Object> producer = new StreamsConfig(p).getProducerConfigs("client");
        assertThat(producer.get("max.in.flight.requests.per.connection")).isEqualTo("1");
    }

    @Test
    void aClusterSettingOverridesIt() {
        Properties p = StreamsSettings.properties(EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, "k:9092",
                PRODUCER_IN_FLIGHT, "5")));
        assertThat(p.getProperty(PRODUCER_IN_FLIGHT)).isEqualTo("5");
    }
}
