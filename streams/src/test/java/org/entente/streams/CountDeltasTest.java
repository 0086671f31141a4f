package org.entente.streams;

import org.apache.kafka.streams.KeyValue;
import org.entente.common.Contributions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CountDeltasTest {
    private static final Contributions KZ_VN = Contributions.of(List.of("KZ-VN"), List.of("energy", "trade"), "2025-05");

    @Test
    void aNewArticleAddsOneEverywhereInOneRecordPerPairAndOneForTheDomains() {
        assertThat(CountDeltas.between(Contributions.NONE, KZ_VN)).containsExactly(
                KeyValue.pair("KZ-VN", new CountDelta(1, Map.of("energy", 1, "trade", 1), Map.of("2025-05", 1))),
                KeyValue.pair(CountDeltas.DOMAIN_TOTALS_KEY, new CountDelta(0, Map.of("energy", 1, "trade", 1), Map.of())));
    }

    @Test
    void theSameFactsAgainChangeNothing() {
        assertThat(CountDeltas.between(KZ_VN, KZ_VN)).isEmpty();
    }

    @Test
    void aCorrectionMovesOnlyWhatDiffers() {
        Contributions corrected = Contributions.of(List.of("KZ-VN", "KG-VN"), List.of("trade", "defence"), "2025-06");
        assertThat(CountDeltas.between(KZ_VN, corrected)).containsExactly(
                KeyValue.pair("KG-VN", new CountDelta(1, Map.of("defence", 1, "trade", 1), Map.of("2025-06", 1))),
                KeyValue.pair("KZ-VN", new CountDelta(0, Map.of("defence", 1, "energy", -1), Map.of("2025-05", -1, "2025-06", 1))),
                KeyValue.pair(CountDeltas.DOMAIN_TOTALS_KEY, new CountDelta(0, Map.of("defence", 1, "energy", -1), Map.of())));
    }

    @Test
    void aRetractionTakesEverythingBack() {
        assertThat(CountDeltas.between(KZ_VN, Contributions.NONE)).containsExactly(
                KeyValue.pair("KZ-VN", new CountDelta(-1, Map.of("energy", -1, "trade", -1), Map.of("2025-05", -1))),
                KeyValue.pair(CountDeltas.DOMAIN_TOTALS_KEY, new CountDelta(0, Map.of("energy", -1, "trade", -1), Map.of())));
    }

    @Test
    void pairStatsKeepZeroEntriesUntilPruned() {
        PairStats once = PairStats.EMPTY.plus(new CountDelta(1, Map.of("trade", 1), Map.of("2025-05", 1)));
        PairStats twice = once.plus(new CountDelta(1, Map.of("energy", 1), Map.of("2025-06", 1)));
        PairStats corrected = twice.plus(new CountDelta(0, Map.of("trade", -1), Map.of()));
        PairStats none = corrected.plus(new CountDelta(-2, Map.of("energy", -1), Map.of("2025-05", -1, "2025-06", -1)));
        assertThat(once).isEqualTo(new PairStats(1, Map.of("trade", 1L), Map.of("2025-05", 1L)));
        assertThat(once.hasZeros()).isFalse();
        assertThat(corrected).isEqualTo(new PairStats(2, Map.of("energy", 1L, "trade", 0L), Map.of("2025-05", 1L, "2025-06", 1L)));
        assertThat(corrected.hasZeros()).isTrue();
        assertThat(corrected.isEmpty()).isFalse();
        assertThat(corrected.pruned()).isEqualTo(new PairStats(2, Map.of("energy", 1L), Map.of("2025-05", 1L, "2025-06", 1L)));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.pruned()).isEqualTo(PairStats.EMPTY);
    }
}
