package org.entente.producer;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.entente.common.Article;
import org.entente.common.Topics;
import org.entente.common.articles.ArticleReader;
import org.entente.common.articles.Rejection;
import org.entente.common.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Replays article files into Kafka.
 *
 * <p>Output: {@link Topics#ARTICLES}, key = article id (string), value = {@link Article} JSON;
 * a retraction is a tombstone (null value) on the article's id.
 *
 * <p>Keys are stable ids, so a replay of the same files writes the same keys again and the
 * topology, which counts each id in its latest version, counts nothing twice.
 */
public final class Replayer {
    private final Producer<String, Article> producer;
    private final ArticleReader reader;
    private final Consumer<Rejection> onRejected;

    /**
     * @param producer   keyed by article id; idempotent with acks=all in production
     *                   ({@link ProducerSettings})
     * @param reader     file reader (its size limit applies)
     * @param onRejected told about each rejected input as it is found
     */
    public Replayer(Producer<String, Article> producer, ArticleReader reader, Consumer<Rejection> onRejected) {
        this.producer = producer;
        this.reader = reader;
        this.onRejected = onRejected;
    }

    public ReplayReport replay(List<Path> paths, Progress progress) {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        reader.read(paths, article -> {
            Exception failed = failure.get();
            if (failed != null) {
                throw new ReplayFailedException("the cluster refused an article: " + failed.getMessage(), failed);
            }
            Article value;
            if (article.isRetraction()) {
                versions.remove(article.id());
                value = null;
            } else {
                versions.put(article.id(), article.version());
                // the origin (file and line) travels with the article so every count can be traced to
                // its file; it is not part of the version, so replaying from another path changes nothing
                value = article;
            }
            producer.send(new ProducerRecord<>(Topics.ARTICLES, article.id(), value), (metadata, e) -> {
                if (e == null) {
                    acknowledged.incrementAndGet();
                    progress.advance(1);
                } else if (!(e instanceof RetriableException)) {
                    failure.compareAndSet(null, e);
                }
            });
        }, rejection -> {
            rejected.add(rejection);
            onRejected.accept(rejection);
            progress.advance(1);
        });
        producer.flush();
        progress.finish();
        Exception failed = failure.get();
        if (failed != null) {
            throw new ReplayFailedException("the cluster refused an article: " + failed.getMessage(), failed);
        }
        return new ReplayReport(acknowledged.get(), rejected, versions);
    }

    /** Publishes a tombstone: the article's contribution to every count is removed. */
    public void retract(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("retract needs an article id");
        }
        try {
            producer.send(new ProducerRecord<>(Topics.ARTICLES, id, null)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailedException("interrupted while retracting " + id, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ReplayFailedException("cannot retract " + id + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A send failed for good (authorisation, record too large...): the replay stops loudly. */
    public static final class ReplayFailedException extends RuntimeException {
        public ReplayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
