package org.entente.bench;

import org.entente.common.EntenteConfig;
import org.entente.streams.StreamsApp;

import java.time.Duration;
import java.util.Map;

/**
 * The streams app alone in a JVM of its own, so the benchmark can bound and measure its heap.
 * Arguments: bootstrap servers, state directory, stream threads. Prints {@code RUNNING} once all
 * tasks run, and {@code PEAK_HEAP_BYTES n} when stopped (SIGTERM).
 */
public final class StreamsProcess {
    private StreamsProcess() {
    }

    public static void main(String[] args) throws Exception {
        EntenteConfig config = EntenteConfig.of(Map.of(
                EntenteConfig.BOOTSTRAP_SERVERS, args[0],
                "entente.state.dir", args[1],
                "entente.stream.threads", args[2],
                "entente.topic.replication.factor", "1"));
        StreamsApp app = StreamsApp.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // measured before closing: closing only frees memory
            System.out.println("PEAK_HEAP_BYTES " + StreamsApp.peakHeapBytes());
            System.out.flush();
            app.close(Duration.ofSeconds(30));
        }));
        if (!app.awaitRunning(Duration.ofMinutes(3))) {
            System.out.println("NOT_RUNNING");
            System.exit(1);
        }
        System.out.println("RUNNING");
        System.out.flush();
        Thread.currentThread().join();
    }
}
