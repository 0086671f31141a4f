package org.entente.consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The view writer's timings between two readings, and their means per flush. */
class TimingsTest {
    @Test
    void meansArePerFlushOfThePeriod() {
        ViewWriter.Timings before = new ViewWriter.Timings(10, 0, 1_000_000_000L, 400_000_000L, 0, 0, 0, 0);
        ViewWriter.Timings after = new ViewWriter.Timings(14, 0, 1_440_000_000L, 520_000_000L, 0, 0, 0, 0);
        ViewWriter.Timings period = after.since(before);
        assertThat(period.flushes()).isEqualTo(4);
        assertThat(period.meanFlushMs()).isEqualTo(110.0);
        assertThat(period.meanFlushCpuMs()).isEqualTo(30.0);
    }

    @Test
    void perArticleAndShareOfAPhase() {
        ViewWriter.Timings before = new ViewWriter.Timings(10, 2_000_000_000L, 0, 400_000_000L, 0, 0, 0, 0);
        ViewWriter.Timings after = new ViewWriter.Timings(14, 5_000_000_000L, 0, 520_000_000L, 0, 0, 0, 0);
        ViewWriter.Timings period = after.since(before);
        // 120 ms of flushing CPU over 4,000 articles; 3 s of applying in a phase of 12 s
        assertThat(period.flushCpuMsPer(4_000)).isEqualTo(0.03);
        assertThat(period.applyingPercentOf(12.0)).isEqualTo(25.0);
    }

    @Test
    void noFlushMeansZeroNotNaN() {
        ViewWriter.Timings none = new ViewWriter.Timings(0, 5, 0, 0, 0, 0, 0, 0);
        assertThat(none.meanFlushMs()).isZero();
        assertThat(none.meanFlushCpuMs()).isZero();
    }
}
