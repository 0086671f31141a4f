package org.entente.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rates the CPU of a run allows, with and without what its compilers took. */
class CpuBoundTest {
    @Test
    void theBoundWithoutCompilingLeavesOutOnlyTheCompilersShare() {
        // 0.30 + 0.50 ms an article on 2 cores, 0.10 + 0.10 of it compiling
        Bench.Cpu cpu = new Bench.Cpu(0.30, 0.50, 2, 0.10, 0.10);
        assertThat(cpu.boundPerSecond()).isCloseTo(2_500.0, within(1e-9));
        assertThat(cpu.boundWithoutJitPerSecond()).isCloseTo(2000.0 / 0.60, within(1e-9));
    }

    @Test
    void withoutTheCompilersShareThereIsNoBoundWithoutIt() {
        Bench.Cpu cpu = new Bench.Cpu(0.30, 0.50, 2, Double.NaN, Double.NaN);
        assertThat(cpu.boundPerSecond()).isCloseTo(2_500.0, within(1e-9));
        assertThat(cpu.boundWithoutJitPerSecond()).isNaN();
    }
}
