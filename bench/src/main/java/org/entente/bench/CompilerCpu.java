package org.entente.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of a JVM's JIT compiler threads, read from Linux's {@code /proc}: how much of a
 * process's CPU went into compiling its code rather than running it. On two cores the compilers of
 * the broker's process never settle within a run (they compile Kafka's code that runs once per
 * request or transaction as it slowly grows hot), so a run's CPU per article is only comparable
 * with another's once this share is known.
 *
 * <p>HotSpot names these threads {@code C1 CompilerThread0}, {@code C2 CompilerThread0}, ...; the
 * kernel keeps 15 characters of a thread's name. The first field of a thread's {@code schedstat}
 * is its time on the CPU in nanoseconds.
 */
final class CompilerCpu {
    static final CompilerCpu PROC = new CompilerCpu(Path.of("/proc"));

    private static final String C1 = "C1 CompilerThre";
    private static final String C2 = "C2 CompilerThre";

    private final Path proc;

    CompilerCpu(Path proc) {
        this.proc = proc;
    }

    /**
     * Per compiler thread of the process (by thread id), its time on the CPU so far, in
     * nanoseconds; null where there is no {@code /proc} to read (not Linux) or it cannot be read,
     * so the figures that need it are NaN rather than zero.
     */
    Map<Long, Long> read(long pid) {
        Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        Map<Long, Long> out = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8).strip();
                    if (!name.equals(C1) && !name.equals(C2)) {
                        continue;
                    }
                    String stat = Files.readString(thread.resolve("schedstat"), StandardCharsets.US_ASCII).strip();
                    out.put(Long.parseLong(thread.getFileName().toString()), Long.parseLong(stat.split(" ", 2)[0]));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // the thread ended between the listing and the read: the JVM stops compiler
                    // threads it no longer needs; what it had spent is not counted
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a figure of the report, not of the pipeline: a /proc that cannot be read (or is not
            // laid out as expected) leaves it unknown rather than failing a run of minutes
            return null;
        }
        return out;
    }

    /**
     * Nanoseconds the compiler threads spent on the CPU from one reading to a later one: a thread
     * that appeared in between counts from zero, one that ended in between is not counted (a lower
     * bound, then). NaN if either reading is null.
     */
    static double nanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
        if (before == null || after == null) {
            return Double.NaN;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }
}
