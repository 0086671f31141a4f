package org.entente.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.entente.common.EntenteConfig;
import org.entente.common.TopicSetup;
import org.entente.extract.Extractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The streams app: topics ensured, the topology running under exactly-once, a bounded reaction to
 * crashed threads.
 *
 * <p>Input: {@code articles} (key: article id, value: Article JSON). Output: {@code article-facts}
 * (key: article id, value: ArticleFacts JSON) and the four count topics (string keys,
 * CountValue JSON values), all compacted; poison records go to {@code articles-dlq}.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    /** A thread that dies this often within the window is not going to get better: stop. */
    static final int MAX_THREAD_REPLACEMENTS = 3;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    public static final String QUERY_LISTEN = "entente.query.listen";
    public static final String QUERY_ADVERTISED = "entente.query.advertised";

    private final KafkaStreams streams;
    private final QueryServer queries;

    private StreamsApp(KafkaStreams streams, QueryServer queries) {
        this.streams = streams;
        this.queries = queries;
    }

    public static StreamsApp start(EntenteConfig config) {
        try (Admin admin = Admin.create(config.clientProperties())) {
            TopicSetup.ensure(admin, config.getInt(StreamsSettings.PARTITIONS, 6),
                    (short) config.getInt(StreamsSettings.REPLICATION_FACTOR, -1));
        }
        String listen = config.get(QUERY_LISTEN);
        if (listen != null && config.get(QUERY_ADVERTISED) == null) {
            config = config.with(Map.of(QUERY_ADVERTISED, advertised(listen)));
        }
        java.util.Properties properties = StreamsSettings.properties(config);
        Path applicationDir = Path.of(properties.getProperty(StreamsConfig.STATE_DIR_CONFIG),
                properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        try {
            for (Path task : LocalState.removeHalfCreatedStores(applicationDir)) {
                LOG.warn("task state {} held a store the last process was creating when it stopped; removed, "
                        + "the task restores it from its changelogs", task);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the state directory " + applicationDir + ": " + e.getMessage(), e);
        }
        KafkaStreams streams = new KafkaStreams(EntenteTopology.build(config, Extractor.standard()), properties);
        streams.setUncaughtExceptionHandler(new BoundedReplacement());
        streams.start();
        QueryServer queries = null;
        if (listen != null) {
            try {
                queries = QueryServer.start(streams, listen, HostInfo.buildFromEndpoint(config.get(QUERY_ADVERTISED)));
            } catch (IOException e) {
                streams.close(Duration.ofSeconds(10));
                throw new UncheckedIOException("cannot serve queries on " + listen + ": " + e.getMessage(), e);
            }
        }
        LOG.info("streams app started against {}", config.bootstrapServers());
        return new StreamsApp(streams, queries);
    }

    /** Bound to every interface, an instance is reached by its host name (a container's, say). */
    static String advertised(String listen) {
        HostInfo bind = HostInfo.buildFromEndpoint(listen);
        if (!bind.host().equals("0.0.0.0")) {
            return listen;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + bind.port();
        } catch (UnknownHostException e) {
            return "localhost:" + bind.port();
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Waits until every task is assigned and restored, or the timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the streams app stopped: " + state);
            }
            Thread.sleep(50);
        }
        return false;
    }

    public void close(Duration timeout) {
        if (queries != null) {
            queries.close();
        }
        // leaving the group hands the partitions over at once instead of after the session timeout
        if (!streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warn("streams app did not stop within {}", timeout);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Replaces a crashed stream thread, at most {@link #MAX_THREAD_REPLACEMENTS} times per window. */
    static final class BoundedReplacement implements StreamsUncaughtExceptionHandler {
        private final Deque<Long> replacements = new ArrayDeque<>();

        @Override
        public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
            long now = System.nanoTime();
            while (!replacements.isEmpty() && now - replacements.peekFirst() > REPLACEMENT_WINDOW.toNanos()) {
                replacements.removeFirst();
            }
            if (replacements.size() >= MAX_THREAD_REPLACEMENTS) {
                LOG.error("stream thread failed {} times within {}: stopping", replacements.size() + 1, REPLACEMENT_WINDOW, exception);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            replacements.addLast(now);
            LOG.warn("stream thread failed, replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
    }
}
