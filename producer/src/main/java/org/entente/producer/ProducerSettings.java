package org.entente.producer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.entente.common.EntenteConfig;

import java.util.Properties;

/** Settings of the replay producer: defaults in code, then every Kafka client setting given. */
public final class ProducerSettings {
    private ProducerSettings() {
    }

    public static Properties properties(EntenteConfig config) {
        Properties p = new Properties();
        // a retried send must not write an article twice, and an acknowledged one must survive a
        // broker failure: idempotence with acks from every in-sync replica
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // articles are prose: lz4 halves them for little CPU (zstd costs a third of the throughput here)
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a few ms of batching lets a replay fill large batches; one article alone waits at most 10 ms
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        // the articles topic accepts up to 16 MiB; oversized articles are the topology's to reject
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024 + 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.get("entente.client.id", "entente-replay"));
        p.putAll(config.clientProperties());
        return p;
    }
}
