package org.entente.cli;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.entente.common.EntenteConfig;
import org.entente.consumer.MetricsServer;
import org.entente.consumer.ViewSettings;
import org.entente.consumer.ViewWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code entente views}: the view writer, until stopped. One per output directory. */
@Command(name = "views", mixinStandardHelpOptions = true,
        description = "Write the output topics as JSON, CSV and a report page into a directory, until stopped.")
final class ViewsCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Views directory (default: ./views).")
    Path out;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "Serve the writer's metrics (Prometheus format) on http://HOST:PORT/metrics (default: localhost:7071).")
    String metricsListen;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put(ViewSettings.DIR, out == null ? null : out.toString());
        flags.put("entente.views.metrics.listen", metricsListen);
        EntenteConfig config = options.resolve(Map.of("entente.views.metrics.listen", "localhost:7071"), flags);
        ViewSettings settings = ViewSettings.from(config);
        Shutdown shutdown = new Shutdown();
        try {
            ViewWriter writer = new ViewWriter(new KafkaConsumer<>(ViewSettings.consumerProperties(config),
                    new StringDeserializer(), new ByteArrayDeserializer()), settings);
            Thread thread = new Thread(writer, "entente-views");
            thread.setUncaughtExceptionHandler((t, e) -> {
                System.err.println("entente: view writer stopped: " + Errors.describe(e));
                Runtime.getRuntime().halt(ExitCodes.FAILED);
            });
            thread.start();
            MetricsServer metrics = null;
            try {
                metrics = MetricsServer.start(config.get("entente.views.metrics.listen"), writer::prometheusMetrics);
                System.out.println("writing views of " + config.bootstrapServers() + " into " + settings.outDir() + ". Ctrl-C to stop.");
                shutdown.awaitSignal();
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
                writer.close();
                thread.join(30_000);
            }
        } finally {
            // also when the start fails: the exit must not wait for a close that never comes
            shutdown.done();
        }
        return ExitCodes.OK;
    }
}
