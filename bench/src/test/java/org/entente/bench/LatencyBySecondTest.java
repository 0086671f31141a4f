package org.entente.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyBySecondTest {
    private static final long MS = 1_000_000L;

    /** {@code "a=300 b=100"}: ids and milliseconds, as nanoseconds from {@code baseMs}. */
    private static Map<String, Long> nanos(long baseMs, String idsAndMs) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String pair : idsAndMs.split(" ")) {
            String[] idAndMs = pair.split("=");
            out.put(idAndMs[0], (baseMs + Long.parseLong(idAndMs[1])) * MS);
        }
        return out;
    }

    @Test
    void groupsLatenciesByTheSecondOfSending() {
        Map<String, Long> sent = nanos(5_000, "a=0 b=400 c=999 d=1000 e=2500 f=2600");
        Map<String, Long> views = nanos(0, "a=300 b=100 c=900 d=1700 e=250 f=260");
        // "c" was never seen on the count topics; "f" is missing from them too
        Map<String, Long> topics = nanos(0, "a=120 b=80 d=1500 e=90");

        List<Bench.Second> seconds = Bench.bySecond(sent, views, topics, 1);

        assertThat(seconds).containsExactly(
                new Bench.Second(0, 3, 300, 900, 900, 120, true),
                new Bench.Second(1, 1, 1_700, 1_700, 1_700, 1_500, false),
                new Bench.Second(2, 2, 250, 260, 260, 90, false));
    }

    @Test
    void thePercentilesLeaveOutTheSecondsOfTheWarmUp() {
        Map<String, Long> sent = nanos(5_000, "a=0 b=400 c=1999 d=2000 e=2500 f=3600");
        // the slowest ("a", "c") were sent in the two seconds of the warm-up; "f" is not on the topics
        Map<String, Long> views = nanos(0, "a=3000 b=100 c=2900 d=700 e=250 f=260");
        Map<String, Long> topics = nanos(0, "a=2000 b=80 c=1000 d=500 e=90");

        Bench.Latency latency = Bench.summary(1000, 2, sent, views, topics);

        assertThat(latency.warmupSeconds()).isEqualTo(2);
        assertThat(latency.warmupSamples()).isEqualTo(3);
        assertThat(latency.samples()).isEqualTo(3);
        assertThat(latency.p50()).isEqualTo(260);
        assertThat(latency.p99()).isEqualTo(700);
        assertThat(latency.max()).isEqualTo(700);
        assertThat(latency.topicsSamples()).isEqualTo(2);
        assertThat(latency.topicsP50()).isEqualTo(90);
        assertThat(latency.topicsP99()).isEqualTo(500);
        assertThat(latency.bySecond()).containsExactly(
                new Bench.Second(0, 2, 100, 3_000, 3_000, 2_000, true),
                new Bench.Second(1, 1, 2_900, 2_900, 2_900, 1_000, true),
                new Bench.Second(2, 2, 250, 700, 700, 500, false),
                new Bench.Second(3, 1, 260, 260, 260, Double.NaN, false));
    }

    @Test
    void aSecondWithoutAnyArticleSeenInTheViewsIsLeftOut() {
        Map<String, Long> sent = nanos(0, "a=0 b=1200 c=2100");
        Map<String, Long> views = nanos(0, "a=10 c=30");

        List<Bench.Second> seconds = Bench.bySecond(sent, views, Map.of(), 0);

        assertThat(seconds).containsExactly(new Bench.Second(0, 1, 10, 10, 10, Double.NaN, false),
                new Bench.Second(2, 1, 30, 30, 30, Double.NaN, false));
    }

    @Test
    void settingsARunCannotMeasureWithAreRefused() {
        // a latency phase without a measured second; topics without a partition
        assertThatThrownBy(() -> settings(0, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 measured second (got 0)");
        assertThatThrownBy(() -> settings(15, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topics need at least 1 partition (got 0)");
    }

    private static Bench.Settings settings(int latencySeconds, int partitions) {
        return new Bench.Settings(1000, 1, java.nio.file.Path.of("w"), java.nio.file.Path.of("b.json"), 15, latencySeconds, 1000,
                1, partitions);
    }
}
