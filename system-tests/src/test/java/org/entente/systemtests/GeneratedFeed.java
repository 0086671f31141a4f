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
    private final AtomicInteger replays = new AtomicInteger();
    private volatile boolean rushed;
    private boolean replayFromFailure;
    private Thread thread;

    GeneratedFeed(int articles, long seed) {
        CorpusGenerator generator = new CorpusGenerator(new GeneratorSettings(articles, seed, 0.08, 0.03));
        this.records = generator.all();
        this.truth = generator.truth();
    }

    /**
     * Publishes every record through the production producer settings, pausing so that the whole
     * feed would take about {@code pace}; {@link #rush} drops the pauses.
     */
    GeneratedFeed start(String bootstrap, Map<String, String> clientSettings, Duration pace) {
        EntenteConfig config = EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap)).with(clientSettings);
        long pauseEvery = Math.max(1, records.size() / Math.max(1, pace.toMillis() / 50));
        thread = new Thread(() -> {
            int from = 0;
            for (int attempt = 1; ; attempt++) {
                AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
                AtomicReference<Exception> sendError = new AtomicReference<>();
                try (KafkaProducer<String, Article> producer = new KafkaProducer<>(ProducerSettings.properties(config),
                        new StringSerializer(), JsonSerdes.serializer(Article.class))) {
                    for (int i = from; i < records.size(); i++) {
                        GeneratedArticle g = records.get(i);
                        int index = i;
                        producer.send(new ProducerRecord<>(Topics.ARTICLES, g.article().id(), g.retraction() ? null : g.article()),
                                (metadata, e) -> {
                                    if (e != null) {
                                        firstFailed.accumulateAndGet(index, Math::min);
                                        sendError.compareAndSet(null, e);
                                    } else {
                                        acknowledged.incrementAndGet();
                                    }
                                });
                        sent.updateAndGet(n -> Math.max(n, index + 1));
                        if ((index + 1) % pauseEvery == 0 && !rushed) {
                            Thread.sleep(50);
                        }
                    }
                    producer.flush();
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                if (sendError.get() == null) {
                    return;
                }
                if (!replayFromFailure || attempt == 3) {
                    failure.compareAndSet(null, sendError.get());
                    return;
                }
                // what an operator does after a failed replay: run it again from the first record
                // that was not acknowledged; records already in are sent again, which counts nothing twice
                from = firstFailed.get();
                System.out.printf("generated feed: record %d failed (%s); replaying from it%n", from, sendError.get());
                replays.incrementAndGet();
            }
        }, "generated-feed");
        thread.start();
        return this;
    }

    /**
     * After a failed send the feed is replayed from the first record that failed, as an operator
     * would rerun a replay; for tests whose faults are elsewhere and whose feed only has to arrive.
     */
    GeneratedFeed replayingFromFailures() {
        replayFromFailure = true;
        return this;
    }

    /** Sends the rest of the feed without pauses. */
    void rush() {
        rushed = true;
    }

    /** Times the feed was replayed after a failed send. */
    int replays() {
        return replays.get();
    }

    int sent() {
        return sent.get();
    }

    /** Acknowledgements of the cluster so far (a record sent again counts again). */
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
            throw new AssertionError("the feed failed: " + failure.get(), failure.get());
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
