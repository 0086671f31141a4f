package org.entente.systemtests;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.common.EntenteConfig;
import org.entente.consumer.ViewSettings;
import org.entente.consumer.ViewWriter;

import java.nio.file.Path;
import java.util.Map;

/** The view writer on a thread of the test, for tests whose fault strikes elsewhere. */
final class InProcessViews implements AutoCloseable {
    private final ViewWriter writer;
    private final Thread thread;

    InProcessViews(String bootstrap, Map<String, String> client, Path dir) {
        EntenteConfig config = EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap,
                ViewSettings.DIR, dir.toString())).with(client);
        writer = new ViewWriter(new KafkaConsumer<>(ViewSettings.consumerProperties(config), new StringDeserializer(),
                new ByteArrayDeserializer()), ViewSettings.from(config));
        thread = new Thread(writer, "test-views");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        writer.close();
        thread.join(30_000);
    }
}
