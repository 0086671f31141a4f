package org.entente.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedBrokerIT {
    @TempDir
    Path dir;

    @Test
    void keepsItsDataAcrossARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(dir, 0))) {
            Properties client = new Properties();
            client.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic("greetings", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("greetings", "a", "bonjour")).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>("greetings", "b", "hello")).get(30, TimeUnit.SECONDS);
            }
            assertThat(readAll(broker.bootstrapServers(), Map.of(), 2)).containsExactlyInAnyOrder("a=bonjour", "b=hello");
        }
        try (EmbeddedBroker again = EmbeddedBroker.start(BrokerSettings.plaintext(dir, 0))) {
            assertThat(readAll(again.bootstrapServers(), Map.of(), 2)).containsExactlyInAnyOrder("a=bonjour", "b=hello");
        }
    }

    @Test
    void acceptsScramClientsWithTheRightPasswordAndRejectsAWrongOneEarly() throws Exception {
        BrokerSettings settings = new BrokerSettings(dir, 0, Map.of(), List.of(new ScramUser("analyst", "s3cret-pw")));
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
            Map<String, String> good = scram("analyst", "s3cret-pw");
            Properties client = new Properties();
            client.put("bootstrap.servers", broker.bootstrapServers());
            client.putAll(good);
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic("greetings", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("greetings", "a", "bonjour")).get(30, TimeUnit.SECONDS);
            }
            assertThat(readAll(broker.bootstrapServers(), good, 1)).containsExactly("a=bonjour");

            Properties wrong = new Properties();
            wrong.put("bootstrap.servers", broker.bootstrapServers());
            wrong.putAll(scram("analyst", "not-the-password"));
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    private static Map<String, String> scram(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    private static List<String> readAll(String bootstrap, Map<String, String> extra, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "reader-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.putAll(extra);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("greetings"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }
}
