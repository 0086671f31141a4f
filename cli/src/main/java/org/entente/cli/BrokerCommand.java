package org.entente.cli;

import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code entente broker}: the embedded single-node KRaft broker as its own foreground process. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) in the foreground until stopped.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "entente-data/kafka",
            description = "Log directory; the cluster id is kept there so a restart reuses the data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on localhost (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        Shutdown shutdown = new Shutdown();
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerSettings(dataDir, port, Map.of(), List.of()))) {
            System.out.println("Kafka broker up at " + broker.bootstrapServers() + " (data in " + dataDir.toAbsolutePath()
                    + "). Ctrl-C to stop.");
            shutdown.awaitSignal();
        } finally {
            shutdown.done();
        }
        return ExitCodes.OK;
    }
}
