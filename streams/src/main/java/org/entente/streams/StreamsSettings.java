package org.entente.streams;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.entente.common.EntenteConfig;
import org.entente.common.Topics;

import java.nio.file.Path;
import java.util.Properties;

/** Settings of the streams app, error handling included, so test drivers run with them too. */
public final class StreamsSettings {
    public static final String APPLICATION_ID = "entente.application.id";
    public static final String STATE_DIR = "entente.state.dir";
    public static final String THREADS = "entente.stream.threads";
    public static final String COMMIT_INTERVAL_MS = "entente.commit.interval.ms";
    public static final String REPLICATION_FACTOR = "entente.topic.replication.factor";
    public static final String PARTITIONS = "entente.topic.partitions";
    public static final String ARTICLE_MAX_BYTES = "entente.article.max.bytes";
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final long DEFAULT_ARTICLE_MAX_BYTES = 1 << 20;

    private StreamsSettings() {
    }

    public static Properties properties(EntenteConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(APPLICATION_ID, "entente-streams"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // each article counted once in its latest version, whatever crashes: read-process-write
        // in one transaction
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // -1: the cluster's default.replication.factor (3 on a production cluster, 1 embedded)
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(REPLICATION_FACTOR, "-1"));
        // the commit interval bounds both the latency of counts and the cost of transactions
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.getLong(COMMIT_INTERVAL_MS, DEFAULT_COMMIT_INTERVAL_MS)));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.getInt(THREADS, 1)));
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.get(STATE_DIR,
                Path.of(System.getProperty("java.io.tmpdir"), "entente-streams").toString()));
        // state store names and internal topics are part of the contract with running instances
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // poison articles go to the dead-letter topic with reason and origin; anything else stops
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.ARTICLES_DLQ);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ArticleDeserializationHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ArticleProcessingHandler.class.getName());
        // the behaviour Kafka 5.0 makes the default; there are no global stores here
        p.put("processing.exception.handler.global.enabled", "true");
        // a poison record of up to 16 MiB must fit in the dead-letter topic
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Integer.toString(17 * 1024 * 1024));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), Integer.toString(4 * 1024 * 1024));
        // a killed instance's partitions move to the others after this long (the default is 45 s)
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
        // a commit every 100 ms cuts the output into many small batches, where LZ4's per-batch setup
        // (buffers, header hash) took about 5% of the stream threads' samples in a profile and saved
        // little; set producer.compression.type where the network, not the CPU, is short
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        // Kafka 4's transactions start each partition's sequence at 0 in every transaction, and a
        // broker refuses (as retriable, KAFKA-18202) a second batch that reaches it before the
        // first is written: the batch waits a retry backoff and the broker logs an ERROR, a few
        // hundred a run of 200,000 articles. One request at a time per broker avoids that; four
        // alternated runs of the bench showed no cost (end to end 2,656 and 2,681 /s against
        // 2,070 and 2,520 with five)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), "1");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(256 * 1024));
        String server = config.get("entente.query.advertised");
        if (server != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server);
        }
        p.putAll(config.clientProperties());
        return p;
    }
}
