package org.entente.broker;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {
    @Test
    void thePortsOfOneBrokerAreDistinct() {
        for (int round = 0; round < 200; round++) {
            int[] ports = EmbeddedBroker.freePorts(3);
            assertThat(Arrays.stream(ports).distinct().count()).as("round %d: %s", round, Arrays.toString(ports)).isEqualTo(3);
            assertThat(Arrays.stream(ports).allMatch(p -> p > 0 && p < 65536)).as(Arrays.toString(ports)).isTrue();
        }
    }
}
