package org.entente.cli;

import org.entente.common.EntenteConfig;
import org.entente.streams.StreamsApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code entente streams}: the topology, until stopped. Start as many as there are partitions. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the Kafka Streams app (extraction and counts) until stopped.")
final class StreamsCommand implements Callable<Integer> {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state (RocksDB), rebuilt from Kafka if lost.")
    Path stateDir;

    @Option(names = "--threads", description = "Stream threads in this instance.")
    Integer threads;

    @Option(names = "--query-listen", paramLabel = "HOST:PORT",
            description = "Where 'entente query' asks this instance (default: localhost:7070; 0.0.0.0:PORT for other hosts).")
    String queryListen;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("entente.state.dir", stateDir == null ? null : stateDir.toString());
        flags.put("entente.stream.threads", threads == null ? null : threads.toString());
        flags.put("entente.query.listen", queryListen);
        EntenteConfig config = options.resolve(Map.of("entente.query.listen", "localhost:7070"), flags);
        Shutdown shutdown = new Shutdown();
        try {
            StreamsApp app = StreamsApp.start(config);
            try {
                System.out.println("streams app running against " + config.bootstrapServers() + ". Ctrl-C to stop.");
                shutdown.awaitSignal();
            } finally {
                app.close(Duration.ofSeconds(30));
            }
        } finally {
            // also when the start fails: the exit must not wait for a close that never comes
            shutdown.done();
        }
        return ExitCodes.OK;
    }
}
