package org.entente.bench;

import org.entente.common.EntenteConfig;
import org.entente.streams.StreamsApp;

import java.time.Duration;
import java.util.Map;

/**
 * The streams app alone in a JVM of its own, so the benchmark can bound and measure its heap.
 * Arguments: bootstrap servers, state directory, stream threads; {@code ENTENTE_*} variables
 * apply as for {@code entente streams}. Prints {@code RUNNING} once all
 * tasks run; its peak heap goes to {@code <state dir>/peak-heap-bytes} every second. A line
 * {@code gc} on its input makes it collect its heap in full and print {@link #HEAP_AFTER_GC} and
 * the bytes still in use: what its state holds, garbage aside. It stops when its input closes.
 */
public final class StreamsProcess {
    static final String HEAP_AFTER_GC = "HEAP-AFTER-GC ";
    private StreamsProcess() {
    }

    public static void main(String[] args) throws Exception {
        // ENTENTE_* variables apply as for 'entente streams', so a run can try other settings
        EntenteConfig config = EntenteConfig.load(Map.of(), null, System.getenv(), Map.of(
                EntenteConfig.BOOTSTRAP_SERVERS, args[0],
                "entente.state.dir", args[1],
                "entente.stream.threads", args[2],
                "entente.topic.replication.factor", "1"));
        HeapPeak heapPeak = HeapPeak.start();
        StreamsApp app = StreamsApp.start(config);
        java.nio.file.Path peakFile = java.nio.file.Path.of(args[1], "peak-heap-bytes");
        java.nio.file.Files.createDirectories(peakFile.getParent());
        // written every second, so the figure survives however the process ends
        Thread peakWriter = new Thread(() -> {
            while (true) {
                try {
                    java.nio.file.Files.writeString(peakFile, Long.toString(heapPeak.bytes()));
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException e) {
                    System.err.println("cannot write " + peakFile + ": " + e.getMessage());
                    return;
                }
            }
        }, "peak-heap");
        peakWriter.setDaemon(true);
        peakWriter.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close(Duration.ofSeconds(30));
        }));
        if (!app.awaitRunning(Duration.ofMinutes(3))) {
            System.out.println("NOT_RUNNING");
            System.exit(1);
        }
        System.out.println("RUNNING");
        System.out.flush();
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.strip().equals("gc")) {
                    System.gc();
                    System.out.println(HEAP_AFTER_GC + java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    System.out.flush();
                }
            }
        }
        // the input closed: the benchmark keeps it open until it has stopped this process, so it is
        // gone (interrupted, killed); stop too, or this process would run on alone, retrying a
        // broker that went with it
        System.exit(0);
    }
}
