package org.entente.cli;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.common.Article;
import org.entente.common.EntenteConfig;
import org.entente.common.JsonSerdes;
import org.entente.common.Progress;
import org.entente.common.articles.ArticleReader;
import org.entente.consumer.ViewSettings;
import org.entente.consumer.ViewWriter;
import org.entente.producer.ProducerSettings;
import org.entente.producer.ReplayReport;
import org.entente.producer.Replayer;
import org.entente.streams.StreamsApp;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The whole stack in one process: an embedded broker (unless a cluster is given), the streams app
 * and the view writer. Used by {@code entente demo}.
 */
final class LocalPipeline implements AutoCloseable {
    private final EmbeddedBroker broker;
    private final EntenteConfig config;
    private final StreamsApp streams;
    private final ViewWriter views;
    private final Thread viewThread;
    private final PrintStream out;

    private LocalPipeline(EmbeddedBroker broker, EntenteConfig config, StreamsApp streams, ViewWriter views,
                          Thread viewThread, PrintStream out) {
        this.broker = broker;
        this.config = config;
        this.streams = streams;
        this.views = views;
        this.viewThread = viewThread;
        this.out = out;
    }

    /** @param brokerDir where to run an embedded broker, or null to use the configured cluster */
    static LocalPipeline start(EntenteConfig base, Path brokerDir, int port, PrintStream out) {
        EmbeddedBroker broker = null;
        StreamsApp streams = null;
        try {
            EntenteConfig config = base;
            if (brokerDir != null) {
                out.println("Starting Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                        + " (KRaft, in this process), data in " + brokerDir + " ...");
                broker = EmbeddedBroker.start(BrokerSettings.plaintext(brokerDir, port));
                config = base.with(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                        "entente.topic.replication.factor", "1"));
            }
            out.println("Starting the streams app and the view writer against " + config.bootstrapServers() + " ...");
            streams = StreamsApp.start(config);
            // a stack that is still joining its group would have to be torn down mid-way
            if (!streams.awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the streams app did not start within 120 s");
            }
            ViewWriter views = new ViewWriter(new KafkaConsumer<>(ViewSettings.consumerProperties(config),
                    new StringDeserializer(), new ByteArrayDeserializer()), ViewSettings.from(config));
            Thread thread = new Thread(views, "entente-views");
            thread.start();
            return new LocalPipeline(broker, config, streams, views, thread, out);
        } catch (RuntimeException | InterruptedException e) {
            if (streams != null) {
                streams.close(Duration.ofSeconds(10));
            }
            if (broker != null) {
                broker.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
            throw (RuntimeException) e;
        }
    }

    record Pass(ReplayReport report) {
    }

    /** Replays the inputs, then waits until the views on disk reflect every article published. */
    Pass replayAndWait(List<Path> inputs, Duration timeout) throws InterruptedException, TimeoutException {
        ReplayReport report;
        ArticleReader reader = new ArticleReader(config.getLong("entente.article.max.bytes", ArticleReader.DEFAULT_MAX_BYTES));
        try (KafkaProducer<String, Article> producer = new KafkaProducer<>(ProducerSettings.forInputs(config, inputs),
                new StringSerializer(), JsonSerdes.serializer(Article.class))) {
            Replayer replayer = new Replayer(producer, reader, r -> out.println("rejected " + r));
            report = replayer.replay(inputs, Progress.onStderr("replay", reader.countFiles(inputs)));
        }
        out.println("Published " + report.published() + " article(s) to 'articles'"
                + (report.partial() ? ", rejected " + report.rejected().size() : "") + "; waiting for the views ...");
        if (!views.awaitFlushedState(state -> state.reflects(report.versions()), timeout)) {
            throw new TimeoutException("the views did not reflect the " + report.versions().size()
                    + " article(s) within " + timeout);
        }
        return new Pass(report);
    }

    Path viewsDir() {
        return views.outDir();
    }

    String bootstrapServers() {
        return config.bootstrapServers();
    }

    @Override
    public void close() throws InterruptedException {
        views.close();
        viewThread.join(Duration.ofSeconds(30).toMillis());
        streams.close(Duration.ofSeconds(30));
        if (broker != null) {
            broker.close();
        }
    }
}
