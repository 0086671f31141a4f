package org.entente.systemtests;

import org.entente.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Entente role ({@code entente <command> ...}) in a JVM of its own, so a test can kill it the
 * way an operating system or an operator does: {@link #kill()} is SIGKILL, with no shutdown hook,
 * no flush, no close.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code entente args...}, quiet as by default; what it prints is appended to {@code log}. */
    static ChildJvm start(String name, Path log, String... args) throws IOException {
        return start(name, log, Map.of(), "warn", args);
    }

    /**
     * @param env      extra environment variables ({@code ENTENTE_*} settings)
     * @param logLevel level of every logger, Kafka's included ({@code info} shows every client's settings)
     */
    static ChildJvm start(String name, Path log, Map<String, String> env, String logLevel, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + logLevel,
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=" + (logLevel.equals("warn") ? "error" : logLevel),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Files.writeString(log, "== " + name + ": " + String.join(" ", args) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ChildJvm(name, builder.start(), log);
    }

    /** SIGKILL, then wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 30 s");
        }
    }

    /** Exit code once the process ends by itself. */
    int await(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM, the orderly stop a service manager sends; SIGKILL if it takes too long. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /**
     * The first error lines of every log in {@code logs}, for a failure message: in CI the logs of
     * child processes are gone with the run, the failure message stays.
     */
    static String problems(Path logs) {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("entente:"))
                        .distinct().limit(4).toList();
                if (!lines.isEmpty()) {
                    out.append(" | ").append(file.getFileName()).append(": ").append(String.join(" / ", lines));
                }
            }
        } catch (IOException e) {
            out.append(" | logs unreadable: ").append(e);
        }
        return out.toString();
    }
}
