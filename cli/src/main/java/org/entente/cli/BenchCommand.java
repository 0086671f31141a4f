package org.entente.cli;

import org.entente.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code entente bench}: throughput, latency and correctness beside the raw Kafka baseline of the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline on an embedded broker against raw Kafka in the same run; print a table, write JSON.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--articles", defaultValue = "200000", description = "Corpus size (default: ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--json", defaultValue = "target/bench/bench.json", description = "Where the figures go (default: ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--latency-warmup", defaultValue = "15",
            description = "Seconds the steady-rate phase runs before the articles it measures: the JIT compiles a live feed's code (default: ${DEFAULT-VALUE}).")
    int latencyWarmup;

    @Option(names = "--latency-seconds", defaultValue = "15", description = "Length of the measured steady-rate phase (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-rate", defaultValue = "1000", description = "Offered rate of that phase, per second (default: ${DEFAULT-VALUE}).")
    int latencyRate;

    @Option(names = "--threads", defaultValue = "1",
            description = "Stream threads of the streams process, as entente.stream.threads sets them in a deployment (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of every topic, as entente.topic.partitions sets them in a deployment (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--keep-work", description = "Keep the broker data, state and views of the run (they take about 4 KB per article).")
    boolean keepWork;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("entente-bench");
        try {
            Bench.Result r = new Bench(new Bench.Settings(articles, seed, work, json, latencyWarmup, latencySeconds, latencyRate, threads,
                    partitions),
                    System.out).run();
            return r.correct() ? ExitCodes.OK : ExitCodes.FAILED;
        } finally {
            if (keepWork) {
                System.out.println("broker data, state and views kept in " + work);
            } else {
                deleteTree(work);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
