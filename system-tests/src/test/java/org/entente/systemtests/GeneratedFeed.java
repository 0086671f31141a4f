package org.entente.systemtests;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.bench.CorpusGenerator;
import org.entente.bench.GeneratedArticle;
import org.entente.bench.GeneratorSettings;
import org.entente.bench.GroundTruth;
import org.entente.common.Article;
import org.entente.common.EntenteConfig;
import org.entente.common.JsonSerdes;
import org.entente.common.Topics;
import org.entente.producer.ProducerSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A generated corpus (corrections and retractions included) and its ground truth, the oracle of
 * the fault tests; {@link #start} publishes it at a steady pace from a thread of its own, so
 * faults can strike while articles are still arriving.
 */
final class GeneratedFeed implements AutoCloseable {
    final List<GeneratedArticle> records;
    final GroundTruth truth;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread thread;

    GeneratedFeed(int articles, long seed) {
        CorpusGenerator generator = new CorpusGenerator(new GeneratorSettings(articles, seed, 0.08, 0.03));
        this.records = generator.all();
        this.truth = generator.truth();
    }

    /** Publishes every record through the production producer settings over about {@code duration}. */
    GeneratedFeed start(String bootstrap, Map<String, String> clientSettings, Duration duration) {
        EntenteConfig config = EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap)).with(clientSettings);
        long pauseEvery = Math.max(1, records.size() / Math.max(1, duration.toMillis() / 50));
        thread = new Thread(() -> {
            try (KafkaProducer<String, Article> producer = new KafkaProducer<>(ProducerSettings.properties(config),
                    new StringSerializer(), JsonSerdes.serializer(Article.class))) {
                for (GeneratedArticle g : records) {
                    producer.send(new ProducerRecord<>(Topics.ARTICLES, g.article().id(), g.retraction() ? null : g.article()),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                } else {
                                    acknowledged.incrementAndGet();
                                }
                            });
                    if (sent.incrementAndGet() % pauseEvery == 0) {
                        Thread.sleep(50);
                    }
                }
                producer.flush();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "generated-feed");
        thread.start();
        return this;
    }

    int sent() {
        return sent.get();
    }

    /** Records the cluster has acknowledged so far. */
    int acknowledged() {
        return acknowledged.get();
    }

    /** Waits until every record is acknowledged; fails if any send failed. */
    void awaitSent(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the feed did not finish within " + timeout + " (" + sent() + " sent)");
        }
        if (failure.get() != null) {
            throw new AssertionError("the feed failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(30_000);
        }
    }
}
