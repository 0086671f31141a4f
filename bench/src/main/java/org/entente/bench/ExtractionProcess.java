package org.entente.bench;

import org.entente.common.Article;
import org.entente.common.articles.JsonLinesFormat;
import org.entente.extract.ExtractionBench;
import org.entente.extract.Extractor;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Extraction alone, in a JVM of its own, as the streams app runs in one. Arguments: a JSON Lines
 * feed of articles ({@link JsonLinesFormat}; retractions in it are left out) and the seconds to measure. Prints {@link #RESULT} with the articles, their
 * bytes and the nanoseconds taken.
 *
 * <p>Measured inside the benchmark's own process, the same loop ran at a third of this speed:
 * that process also holds the broker, whose code the raw Kafka phases had just queued for the
 * compiler, and a heap of gigabytes of corpus; the extraction's code waited behind it.
 */
public final class ExtractionProcess {
    static final String RESULT = "EXTRACTION ";

    private ExtractionProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path sample = Path.of(args[0]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[1]));
        List<Article> articles = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(sample, StandardCharsets.UTF_8)) {
            int number = 1;
            for (String line = in.readLine(); line != null; line = in.readLine(), number++) {
                Article a = JsonLinesFormat.parseLine(line, sample + ":" + number);
                // a retraction has no text: the topology extracts nothing from it either
                if (!a.isRetraction()) {
                    articles.add(a);
                }
            }
        }
        if (articles.isEmpty()) {
            throw new IllegalArgumentException(sample + ": no article to extract (only retractions, or empty)");
        }
        ExtractionBench.Throughput t = ExtractionBench.measure(Extractor.standard(), articles, duration);
        System.out.println(RESULT + t.articles() + " " + t.bytes() + " " + t.nanos());
    }
}
