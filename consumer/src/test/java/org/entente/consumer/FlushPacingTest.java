package org.entente.consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the view writer's next flush may start, after one that started at 1,000 ms. */
class FlushPacingTest {
    private static final long MS = 1_000_000L;

    private static long next(long tookMs, long cpuMs, long pageMs) {
        return ViewWriter.nextFlushAt(1_000 * MS, 200 * MS, tookMs * MS, cpuMs * MS, pageMs * MS) / MS;
    }

    @Test
    void aShortFlushWaitsForTheInterval() {
        assertThat(next(40, 30, 0)).isEqualTo(1_200);
    }

    @Test
    void aFlushThatKeptACoreBusyLeavesAsLongForReadingAfterIt() {
        // 250 ms of flush, 120 on the CPU: the next starts 120 ms after this one ends
        assertThat(next(250, 120, 0)).isEqualTo(1_370);
    }

    @Test
    void waitingForTheDiskDoesNotDelayTheNextFlush() {
        // a flush of 148 ms of which 59 on the CPU: 207 ms after the start, where twice the flush was 296
        assertThat(next(148, 59, 0)).isEqualTo(1_207);
        assertThat(next(400, 0, 0)).isEqualTo(1_400);
    }

    @Test
    void theReportPagesDataIsLeftOutOfThePace() {
        // 100 ms of the flush, all on the CPU, took the page's data: the rest paces as a flush of 150 / 60
        assertThat(next(250, 160, 100)).isEqualTo(1_210);
        assertThat(next(150, 40, 100)).isEqualTo(1_200);
    }
}
