package org.entente.cli;

import org.entente.common.EntenteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code entente demo}: the whole pipeline in one process on a real broker started in-process
 * (or on {@code --bootstrap-servers}): topics, replay of {@code seeds/}, the topology and the view
 * writer, until the views on disk reflect every article; then the counts and where the views are.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on an embedded Kafka broker over seeds/, print the counts, exit.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "entente-data",
            description = "Where the broker, the Streams state and the views live (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--seeds", paramLabel = "PATH", description = "Articles to replay (default: seeds/ of this installation).")
    List<Path> seeds;

    @Option(names = "--port", defaultValue = "9092", description = "Embedded broker port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--keep-running", description = "Leave the stack up after the first pass, until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--timeout", defaultValue = "PT3M", description = "How long to wait for the views (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir.toAbsolutePath();
        Map<String, String> defaults = new java.util.HashMap<>(Map.of(
                "entente.state.dir", data.resolve("streams").toString(),
                "entente.views.dir", data.resolve("views").toString()));
        if (keepRunning) {
            // a stack left up answers 'entente query'
            defaults.put("entente.query.listen", "localhost:7070");
        }
        EntenteConfig config = options.resolve(defaults);
        List<Path> inputs = seeds != null ? seeds : List.of(Installation.home().resolve("seeds"));
        Shutdown shutdown = keepRunning ? new Shutdown() : null;
        PrintStream out = System.out;
        try (LocalPipeline pipeline = LocalPipeline.start(config, options.bootstrapGiven(config) ? null : data.resolve("kafka"),
                port, out)) {
            LocalPipeline.Pass pass = pipeline.replayAndWait(inputs, timeout);
            out.println();
            out.print(CountsReport.render(pipeline.viewsDir()));
            out.println();
            out.println("Views: " + pipeline.viewsDir() + "  (report: " + pipeline.viewsDir().resolve("index.html") + ")");
            if (keepRunning) {
                out.println("Kafka at " + pipeline.bootstrapServers() + "; streams (queries: 'entente query top'), views and"
                        + " broker keep running. Ctrl-C to stop.");
                shutdown.awaitSignal();
            }
            return pass.report().partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
        } finally {
            if (shutdown != null) {
                shutdown.done();
            }
        }
    }
}
