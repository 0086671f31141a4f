package org.entente.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HeapPeakTest {
    private static final int MB = 1024 * 1024;

    @Test
    void remembersTheHeapInUseBeforeACollectionAfterItsObjectsAreGone() throws Exception {
        HeapPeak peak = HeapPeak.start();
        byte[][] held = {new byte[96 * MB]};
        held[0][12345] = 1;
        // collected while the array is held: the collector reports it in use just before
        System.gc();
        held[0] = null;
        System.gc();
        // the report of the first collection arrives on a thread of its own, shortly after it
        assertThat(peak.awaitAtLeast(96L * MB, Duration.ofSeconds(10))).isTrue();
        assertThat(peak.bytes()).isGreaterThanOrEqualTo(96L * MB);
        // one moment's use, never more than the heap can hold
        assertThat(peak.bytes()).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }
}
