package org.entente.producer;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.entente.common.EntenteConfig;
import org.entente.common.articles.ArticleReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Settings of the replay producer: defaults in code, then every Kafka client setting given. */
public final class ProducerSettings {
    /** A live feed: an article waits at most this long for others to share its batch. */
    static final int LIVE_LINGER_MS = 10;
    /**
     * A replay of files: a bulk load. Each batch costs the producer an LZ4 block of its own (two
     * 64 KB buffers to allocate and clear) and the broker one more entry to append; beside a busy
     * pipeline a 10 ms linger cut a replay into batches of a few articles, and that set-up was
     * about half of the sending thread's time.
     */
    static final int FILES_LINGER_MS = 50;

    private ProducerSettings() {
    }

    /** For a live feed (standard input, a sender of its own). */
    public static Properties properties(EntenteConfig config) {
        return properties(config, LIVE_LINGER_MS, 256 * 1024);
    }

    /** For a replay of files, where full batches count for more than the few ms an article waits. */
    public static Properties forFiles(EntenteConfig config) {
        return properties(config, FILES_LINGER_MS, 1024 * 1024);
    }

    /** {@link #forFiles} unless one of the inputs is standard input ({@code -}), a live feed. */
    public static Properties forInputs(EntenteConfig config, List<Path> inputs) {
        boolean live = inputs.stream().anyMatch(ArticleReader::isStdin);
        return live ? properties(config) : forFiles(config);
    }

    private static Properties properties(EntenteConfig config, int lingerMs, int batchBytes) {
        Properties p = new Properties();
        // a retried send must not write an article twice, and an acknowledged one must survive a
        // broker failure: idempotence with acks from every in-sync replica
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // articles are prose: lz4 halves them for little CPU (zstd costs a third of the throughput here)
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchBytes));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        // the articles topic accepts up to 16 MiB; oversized articles are the topology's to reject
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024 + 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.get("entente.client.id", "entente-replay"));
        p.putAll(config.clientProperties());
        return p;
    }
}
