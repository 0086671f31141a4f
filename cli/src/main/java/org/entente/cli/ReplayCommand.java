package org.entente.cli;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.common.Article;
import org.entente.common.EntenteConfig;
import org.entente.common.JsonSerdes;
import org.entente.common.Progress;
import org.entente.common.articles.ArticleReader;
import org.entente.producer.ProducerSettings;
import org.entente.producer.ReplayReport;
import org.entente.producer.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code entente replay}: publishes article files (or retractions) to the {@code articles} topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        // one paragraph per string: picocli wraps each to the terminal's width
        description = {"Publish articles (seed-format .txt files, .jsonl feeds, directories, '-' for JSON Lines on stdin) "
                + "to the 'articles' topic, keyed by a stable id: replaying the same files never counts twice.",
                "Exit code 3 when some inputs were rejected (each is reported)."})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, directories or '-'.")
    List<Path> paths = List.of();

    @Option(names = "--retract", paramLabel = "ID", description = "Publish a retraction (tombstone) for this article id.")
    List<String> retract = List.of();

    @Option(names = "--retractions", paramLabel = "FILE",
            description = "After the replay, retract every article id listed in FILE (one per line), e.g. the retractions.txt of 'entente generate'.")
    Path retractions;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws java.io.IOException {
        if (paths.isEmpty() && retract.isEmpty() && retractions == null) {
            throw new IllegalArgumentException("name files or directories to replay, or --retract ID");
        }
        EntenteConfig config = options.resolve(Map.of());
        ArticleReader reader = new ArticleReader(config.getLong("entente.article.max.bytes", ArticleReader.DEFAULT_MAX_BYTES));
        try (KafkaProducer<String, Article> producer = new KafkaProducer<>(ProducerSettings.forInputs(config, paths),
                new StringSerializer(), JsonSerdes.serializer(Article.class))) {
            Replayer replayer = new Replayer(producer, reader, r -> System.err.println("rejected " + r));
            for (String id : retract) {
                replayer.retract(id);
                System.out.println("retracted " + id);
            }
            boolean partial = false;
            if (!paths.isEmpty()) {
                ReplayReport report = replayer.replay(paths, Progress.onStderr("replay", reader.countFiles(paths)));
                System.out.println("published " + report.published() + " article(s) to 'articles' on " + config.bootstrapServers()
                        + (report.partial() ? "; rejected " + report.rejected().size() + " input(s)" : ""));
                partial = report.partial();
            }
            if (retractions != null) {
                List<String> ids = java.nio.file.Files.readAllLines(retractions).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList();
                ids.forEach(replayer::retract);
                System.out.println("retracted " + ids.size() + " article(s) listed in " + retractions);
            }
            return partial ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }
}
