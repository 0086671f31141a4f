package org.entente.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBySecondTest {
    private static final long MS = 1_000_000L;

    @Test
    void groupsLatenciesByTheSecondOfSending() {
        long t0 = 5_000 * MS;
        Map<String, Long> sent = Map.of("a", t0, "b", t0 + 400 * MS, "c", t0 + 999 * MS,
                "d", t0 + 1_000 * MS, "e", t0 + 2_500 * MS, "f", t0 + 2_600 * MS);
        Map<String, Long> views = Map.of("a", 300 * MS, "b", 100 * MS, "c", 900 * MS,
                "d", 1_700 * MS, "e", 250 * MS, "f", 260 * MS);
        // "c" was never seen on the count topics; "f" is missing from them too
        Map<String, Long> topics = Map.of("a", 120 * MS, "b", 80 * MS, "d", 1_500 * MS, "e", 90 * MS);

        List<Bench.Second> seconds = Bench.bySecond(sent, views, topics);

        assertThat(seconds).containsExactly(
                new Bench.Second(0, 3, 300, 900, 900, 120),
                new Bench.Second(1, 1, 1_700, 1_700, 1_700, 1_500),
                new Bench.Second(2, 2, 250, 260, 260, 90));
    }

    @Test
    void aSecondWithoutAnyArticleSeenInTheViewsIsLeftOut() {
        Map<String, Long> sent = Map.of("a", 0L, "b", 1_200 * MS, "c", 2_100 * MS);
        Map<String, Long> views = Map.of("a", 10 * MS, "c", 30 * MS);

        List<Bench.Second> seconds = Bench.bySecond(sent, views, Map.of());

        assertThat(seconds).containsExactly(new Bench.Second(0, 1, 10, 10, 10, Double.NaN),
                new Bench.Second(2, 1, 30, 30, 30, Double.NaN));
    }
}
