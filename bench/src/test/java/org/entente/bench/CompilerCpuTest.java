package org.entente.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CompilerCpuTest {
    @TempDir
    Path proc;

    private void thread(long pid, long tid, String name, String schedstat) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
        Files.writeString(dir.resolve("comm"), name + "\n");
        Files.writeString(dir.resolve("schedstat"), schedstat + "\n");
    }

    @Test
    void readsTheTimeOnTheCpuOfTheCompilerThreadsOnly() throws IOException {
        thread(42, 42, "java", "900000000 5 7");
        thread(42, 50, "C2 CompilerThre", "123456789 1000 40");
        thread(42, 51, "C1 CompilerThre", "2000 10 3");
        thread(42, 60, "GC Thread#0", "777 0 1");
        thread(42, 61, "C2 CompilerThr2", "5 0 1");
        assertThat(new CompilerCpu(proc).read(42)).isEqualTo(Map.of(50L, 123_456_789L, 51L, 2_000L));
    }

    @Test
    void aProcessWithoutProcIsUnknownNotZero() {
        assertThat(new CompilerCpu(proc).read(7)).isNull();
        assertThat(CompilerCpu.nanosBetween(null, Map.of(1L, 5L))).isNaN();
        assertThat(CompilerCpu.nanosBetween(Map.of(1L, 5L), null)).isNaN();
    }

    @Test
    void aProcUnlikeLinuxsIsUnknownToo() throws IOException {
        thread(42, 50, "C2 CompilerThre", "not a number");
        assertThat(new CompilerCpu(proc).read(42)).isNull();
    }

    @Test
    void countsANewThreadFromZeroAndLeavesOutOneThatEnded() {
        Map<Long, Long> before = Map.of(50L, 1_000L, 51L, 300L, 52L, 9_000L);
        Map<Long, Long> after = Map.of(50L, 4_500L, 51L, 300L, 53L, 250L);
        assertThat(CompilerCpu.nanosBetween(before, after)).isEqualTo(3_750.0);
    }

    @Test
    void findsTheCompilersOfThisJvm() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        Map<Long, Long> threads = CompilerCpu.PROC.read(ProcessHandle.current().pid());
        // a JVM running tiered compilation has one C1 and one C2 thread at least
        assertThat(threads).isNotNull();
        assertThat(threads.size()).isGreaterThanOrEqualTo(2);
        assertThat(threads.values()).allSatisfy(nanos -> assertThat(nanos).isNotNegative());
    }
}
