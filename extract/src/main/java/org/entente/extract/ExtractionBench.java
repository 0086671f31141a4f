package org.entente.extract;

import org.entente.common.Article;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Extraction speed on one thread: the CPU bound of the pipeline. Warms up for {@code minDuration}
 * first, then extracts the articles round after round until at least {@code minDuration} has
 * passed. In a fresh JVM over 20,000 articles, a warm-up of 2.5 s left a round of 5 s at half the
 * speed of the rounds after it: the compiler was still at work.
 */
public final class ExtractionBench {
    private ExtractionBench() {
    }

    public record Throughput(long articles, long bytes, long nanos) {
        public double articlesPerSecond() {
            return articles / (nanos / 1e9);
        }

        public double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }
    }

    public static Throughput measure(Extractor extractor, List<Article> articles, Duration minDuration) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("no articles to measure");
        }
        long bytesPerRound = 0;
        for (Article a : articles) {
            bytesPerRound += a.title().getBytes(StandardCharsets.UTF_8).length + a.body().getBytes(StandardCharsets.UTF_8).length;
        }
        long sink = 0;
        long warmUpEnd = System.nanoTime() + minDuration.toNanos();
        while (System.nanoTime() < warmUpEnd) {
            for (Article a : articles) {
                sink += extractor.extract(a).evidence().size();
            }
        }
        long rounds = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (Article a : articles) {
                sink += extractor.extract(a).evidence().size();
            }
            rounds++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < minDuration.toNanos());
        if (sink == 42) {
            // keeps the results observable so the JIT cannot drop the work
            System.out.print("");
        }
        return new Throughput(rounds * articles.size(), rounds * bytesPerRound, elapsed);
    }
}
