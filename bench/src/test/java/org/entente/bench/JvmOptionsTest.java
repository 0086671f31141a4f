package org.entente.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTest {
    @Test
    void childrenTakeTransparentHugePagesWhenThisJvmRunsOnThem() {
        assertThat(JvmOptions.inherited(name -> name.equals("UseTransparentHugePages") ? "true" : "false"))
                .containsExactly("-XX:+UseTransparentHugePages");
        assertThat(JvmOptions.inherited(name -> "false")).isEmpty();
    }

    @Test
    void aJvmWithoutTheOptionPassesNothingOn() {
        // HotSpot outside Linux has no such option and says so with an IllegalArgumentException
        assertThat(JvmOptions.inherited(name -> {
            throw new IllegalArgumentException("VM option \"" + name + "\" does not exist");
        })).isEmpty();
        assertThat(JvmOptions.inherited(name -> null)).isEmpty();
    }

    @Test
    void aRunIsToldOfAHeapNotTouchedAtStartOrOnSmallPagesWhereHugeOnesAreOffered() {
        assertThat(JvmOptions.notices(name -> "false", "always [madvise] never\n")).containsExactly(
                "the heap is not touched at start (-XX:+AlwaysPreTouch): the kernel zeroes its pages as the run first"
                        + " writes them, and that CPU counts in the end-to-end phase",
                "the heap is on 4 KB pages where the kernel offers huge pages (-XX:+UseTransparentHugePages, which the"
                        + " entente command adds)");
        assertThat(JvmOptions.notices(name -> "true", "always [madvise] never\n")).isEmpty();
        // a kernel that offers no huge pages, or no such file: nothing to say of the pages
        assertThat(JvmOptions.notices(name -> name.equals("AlwaysPreTouch") ? "true" : "false", "always madvise [never]\n"))
                .isEmpty();
        assertThat(JvmOptions.notices(name -> name.equals("AlwaysPreTouch") ? "true" : "false", "")).isEmpty();
        assertThat(JvmOptions.notices(name -> name.equals("AlwaysPreTouch") ? "true" : "false", "[always] madvise never\n"))
                .hasSize(1);
        // a JVM without these options (not HotSpot): nothing it could be told to change
        assertThat(JvmOptions.notices(name -> {
            throw new IllegalArgumentException("VM option \"" + name + "\" does not exist");
        }, "always [madvise] never\n")).isEmpty();
    }

    @Test
    void aChildsOwnOptionsComeLastSoTheyWin() {
        // the JVM takes the last of two contrary options: a child that asks for small pages gets them
        assertThat(Bench.childOptions(List.of("-XX:+UseTransparentHugePages"), List.of("-Xmx512m", "-XX:-UseTransparentHugePages")))
                .containsExactly("-XX:+UseTransparentHugePages", "-Xmx512m", "-XX:-UseTransparentHugePages");
        assertThat(Bench.childOptions(List.of(), List.of("-Xmx1g"))).containsExactly("-Xmx1g");
    }

    @Test
    void theStreamsProcessRunsOnTheThroughputCollectorUnlessAnotherIsNamed() {
        String[] logs = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error"};
        assertThat(Bench.streamsOptions(null)).containsExactly("-Xmx512m", "-XX:+UseParallelGC", logs[0], logs[1]);
        assertThat(Bench.streamsOptions(" -XX:StartFlightRecording=filename=s.jfr  -Xss1m "))
                .containsExactly("-Xmx512m", "-XX:+UseParallelGC", logs[0], logs[1], "-XX:StartFlightRecording=filename=s.jfr", "-Xss1m");
        // two collectors would stop the JVM at start: the one named replaces the default
        assertThat(Bench.streamsOptions("-XX:+UseG1GC -XX:MaxGCPauseMillis=50"))
                .containsExactly("-Xmx512m", logs[0], logs[1], "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50");
        assertThat(Bench.streamsOptions("-XX:+UseZGC")).doesNotContain("-XX:+UseParallelGC").contains("-XX:+UseZGC");
    }
}
