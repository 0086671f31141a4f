package org.entente.cli;

import org.entente.bench.CorpusGenerator;
import org.entente.common.Article;
import org.entente.bench.GeneratedArticle;
import org.entente.bench.GeneratorSettings;
import org.entente.common.Json;
import org.entente.common.articles.JsonLinesFormat;
import org.entente.common.articles.SeedFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code entente generate}: a deterministic corpus with its expected counts. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        // one paragraph per string: picocli wraps each to the terminal's width
        description = {"Write N generated dispatches (French and English, corrections and retractions mixed in) and the "
                + "counts they must give (truth.json).",
                "With --out DIR: one .txt per record, retractions.ids, truth.json. With --out -: JSON Lines on stdout "
                + "(retractions as {\"id\":...,\"retract\":true})."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--articles", required = true, description = "Records to generate.")
    int articles;

    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "-", description = "Directory, or '-' for JSON Lines on stdout (default).")
    String out;

    @Option(names = "--corrections", defaultValue = "0.05", description = "Share of corrections (default: ${DEFAULT-VALUE}).")
    double corrections;

    @Option(names = "--retractions", defaultValue = "0.01", description = "Share of retractions (default: ${DEFAULT-VALUE}).")
    double retractions;

    @Override
    public Integer call() throws Exception {
        CorpusGenerator generator = new CorpusGenerator(new GeneratorSettings(articles, seed, corrections, retractions));
        if (out.equals("-")) {
            PrintStream stdout = System.out;
            while (generator.hasNext()) {
                GeneratedArticle g = generator.next();
                stdout.println(JsonLinesFormat.format(g.retraction()
                        ? Article.retraction(g.article().id(), null) : g.article()));
            }
            return ExitCodes.OK;
        }
        Path dir = Path.of(out);
        Files.createDirectories(dir);
        List<String> retracted = new ArrayList<>();
        int n = 0;
        while (generator.hasNext()) {
            GeneratedArticle g = generator.next();
            n++;
            if (g.retraction()) {
                retracted.add(g.article().id());
            } else {
                Files.writeString(dir.resolve(String.format(Locale.ROOT, "%07d_%s.txt", n, g.article().id())),
                        SeedFormat.format(g.article()), StandardCharsets.UTF_8);
            }
        }
        Files.write(dir.resolve("retractions.ids"), retracted, StandardCharsets.UTF_8);
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(dir.resolve("truth.json")),
                StandardCharsets.UTF_8))) {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(w, generator.truth().counts());
        }
        System.out.printf("wrote %d records to %s (%d retractions in retractions.ids, expected counts in truth.json)%n",
                articles, dir, retracted.size());
        return ExitCodes.OK;
    }
}
