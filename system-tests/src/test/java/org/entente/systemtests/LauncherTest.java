package org.entente.systemtests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector each role gets from the {@code entente} command, read from the JVM's own start-up
 * log ({@code -Xlog:gc} names the collector in use).
 */
class LauncherTest {
    private static final Path HOME = Path.of(System.getProperty("entente.home", ".."));

    /** The collector the {@code entente} command's JVM runs on, for these options and arguments. */
    private static String collector(String javaOpts, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(HOME.resolve("entente").toString())));
        pb.command().addAll(List.of(args));
        pb.environment().put("JAVA_OPTS", javaOpts);
        return collectorOf(pb);
    }

    /** What the JVM picks by itself on this machine: G1 on two cores or more, Serial on one. */
    private static String defaultCollector() throws IOException, InterruptedException {
        return collectorOf(new ProcessBuilder("java", "-Xlog:gc", "-Xmx64m", "-version"));
    }

    /** Runs the JVM to its end and reads the collector its {@code -Xlog:gc} start-up line names. */
    private static String collectorOf(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.contains("[gc] Using ")).map(l -> l.substring(l.indexOf("Using ") + 6))
                .findFirst().orElseThrow(() -> new AssertionError("no collector named in:\n" + out));
    }

    @Test
    void theStreamsAppRunsOnTheThroughputCollectorAndTheOtherRolesOnTheJvmsDefault() throws Exception {
        assertThat(collector("-Xlog:gc -Xmx64m", "streams", "--help")).isEqualTo("Parallel");
        String standard = defaultCollector();
        assertThat(standard).isIn("G1", "Serial");
        assertThat(collector("-Xlog:gc -Xmx64m", "views", "--help")).isEqualTo(standard);
        assertThat(collector("-Xlog:gc -Xmx64m", "demo", "--help")).isEqualTo(standard);
    }

    @Test
    void aCollectorNamedInJavaOptsIsTheOneTheStreamsAppGets() throws Exception {
        assertThat(collector("-Xlog:gc -Xmx64m -XX:+UseSerialGC", "streams", "--help")).isEqualTo("Serial");
        assertThat(collector("-Xlog:gc -XX:+UseG1GC -Xmx64m", "streams", "--help")).isEqualTo("G1");
    }
}
