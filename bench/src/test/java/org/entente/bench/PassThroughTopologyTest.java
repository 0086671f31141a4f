package org.entente.bench;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The framework's baseline moves every record as it is, and marks the first one once. */
class PassThroughTopologyTest {
    @TempDir
    Path state;

    @Test
    void everyRecordGoesOnAsItIsTombstonesIncluded() {
        AtomicInteger firsts = new AtomicInteger();
        Properties p = PassThroughProcess.properties("localhost:9092", state.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(PassThroughProcess.topology("in", "out", firsts::incrementAndGet), p)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            in.pipeInput(bytes("a1"), bytes("{\"id\":\"a1\",\"body\":\"Vietnam et Kazakhstan\"}"));
            in.pipeInput(bytes("a2"), (byte[]) null);
            in.pipeInput(bytes("a1"), bytes("{\"id\":\"a1\",\"body\":\"corrected\"}"));
            List<KeyValue<String, String>> seen = out.readKeyValuesToList().stream()
                    .map(kv -> KeyValue.pair(text(kv.key), text(kv.value))).toList();
            assertThat(seen).containsExactly(
                    KeyValue.pair("a1", "{\"id\":\"a1\",\"body\":\"Vietnam et Kazakhstan\"}"),
                    KeyValue.pair("a2", null),
                    KeyValue.pair("a1", "{\"id\":\"a1\",\"body\":\"corrected\"}"));
        }
        assertThat(firsts.get()).isEqualTo(1);
    }

    @Test
    void runsWithTheStreamsAppsSettingsUnderItsOwnId() {
        Properties p = PassThroughProcess.properties("localhost:9092", state.toString());
        assertThat(p.getProperty("application.id")).isEqualTo("entente-bench-passthrough");
        assertThat(p.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(p.getProperty("commit.interval.ms")).isEqualTo("100");
        assertThat(p.getProperty("num.stream.threads")).isEqualTo("1");
        assertThat(p.getProperty("producer.linger.ms")).isEqualTo("5");
        assertThat(p.getProperty("state.dir")).isEqualTo(state.toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
