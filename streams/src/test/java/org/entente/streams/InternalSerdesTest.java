package org.entente.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalSerdesTest {
    private static final PairStats STATS = new PairStats(3, Map.of("trade", 2L, "energy", 1L), Map.of("2025-05", 3L));

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void pairStatsAreWrittenInTheirDocumentedBytes() {
        byte[] bytes = InternalSerdes.pairStats().serializer().serialize("t", STATS);
        // tag 1; articles 3 (zigzag: 6); 2 domains: "energy" (its length plus one, 7) 1 (zigzag: 2),
        // "trade" (6) 2 (4); 1 month: "2025-05" (8) 3 (6)
        byte[] expected = concat(new byte[] {1, 6, 2, 7}, "energy", new byte[] {2, 6}, "trade",
                new byte[] {4, 1, 8}, "2025-05", new byte[] {6});
        assertThat(bytes).containsExactly(expected);
        assertThat(bytes).hasSize(28);
    }

    @Test
    void everyRecordComesBackEqual() {
        assertThat(roundTrip(InternalSerdes.pairStats(), STATS)).isEqualTo(STATS);
        CountDelta retraction = new CountDelta(-1, Map.of("trade", -1, "energy", -1), Map.of("2025-05", -1));
        assertThat(roundTrip(InternalSerdes.countDelta(), retraction)).isEqualTo(retraction);
        FactsSummary summary = new FactsSummary("9f2c", "2025-05", List.of("KZ-VN", "KG-VN"), List.of("trade"));
        assertThat(roundTrip(InternalSerdes.factsSummary(), summary)).isEqualTo(summary);
        // a missing month and non-ASCII text survive too
        FactsSummary odd = new FactsSummary("v", null, List.of(), List.of("coopération"));
        assertThat(roundTrip(InternalSerdes.factsSummary(), odd)).isEqualTo(odd);
        // counts beyond an int, and the extremes of the zigzag form
        PairStats big = new PairStats(Long.MAX_VALUE, Map.of("trade", Long.MIN_VALUE), Map.of());
        assertThat(roundTrip(InternalSerdes.pairStats(), big)).isEqualTo(big);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(InternalSerdes.pairStats().serializer().serialize("t", null)).isNull();
        assertThat(InternalSerdes.pairStats().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void jsonWrittenByEarlierVersionsIsStillRead() {
        byte[] json = "{\"articles\":3,\"domains\":{\"trade\":2,\"energy\":1},\"months\":{\"2025-05\":3}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(InternalSerdes.pairStats().deserializer().deserialize("t", json)).isEqualTo(STATS);
        byte[] delta = "{\"articles\":1,\"domains\":{\"trade\":1},\"months\":{\"2025-05\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThat(InternalSerdes.countDelta().deserializer().deserialize("t", delta))
                .isEqualTo(new CountDelta(1, Map.of("trade", 1), Map.of("2025-05", 1)));
        byte[] summary = "{\"version\":\"v1\",\"month\":\"2025-05\",\"pairs\":[\"KZ-VN\"],\"domains\":[\"trade\"]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(InternalSerdes.factsSummary().deserializer().deserialize("t", summary))
                .isEqualTo(new FactsSummary("v1", "2025-05", List.of("KZ-VN"), List.of("trade")));
    }

    @Test
    void brokenBytesAreRefusedWithWhatAndWhere() {
        byte[] bytes = InternalSerdes.pairStats().serializer().serialize("t", STATS);
        // cut in the month's name, and just after its length
        byte[] inName = java.util.Arrays.copyOf(bytes, 24);
        assertThatThrownBy(() -> InternalSerdes.pairStats().deserializer().deserialize("t", inName))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid PairStats on topic t: a size of 8 with 4 bytes left at byte 20 of 24");
        byte[] inCount = java.util.Arrays.copyOf(bytes, 27);
        assertThatThrownBy(() -> InternalSerdes.pairStats().deserializer().deserialize("t", inCount))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid PairStats on topic t: cut short at byte 27 of 27");
        byte[] cut = java.util.Arrays.copyOf(bytes, 20);
        assertThatThrownBy(() -> InternalSerdes.pairStats().deserializer().deserialize("pair-stats-changelog", cut))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid PairStats on topic pair-stats-changelog: a size of 8 with 0 bytes left at byte 20 of 20");
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        assertThatThrownBy(() -> InternalSerdes.pairStats().deserializer().deserialize("t", longer))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid PairStats on topic t: 2 bytes left over at byte 28 of 30");
        assertThatThrownBy(() -> InternalSerdes.countDelta().deserializer().deserialize("t", new byte[] {7, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid CountDelta on topic t: unknown format 7 in its first byte");
        assertThatThrownBy(() -> InternalSerdes.countDelta().deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid CountDelta on topic t: no bytes");
        // a size no value of these bytes could hold is refused before anything is allocated for it
        assertThatThrownBy(() -> InternalSerdes.factsSummary().deserializer().deserialize("t",
                new byte[] {1, 2, 'v', (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid FactsSummary on topic t: a size of 4294967294 with 0 bytes left at byte 8 of 8");
        // a null among a summary's pairs decodes, and the record refuses it
        assertThatThrownBy(() -> InternalSerdes.factsSummary().deserializer().deserialize("t",
                new byte[] {1, 2, 'v', 0, 2, 0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not a valid FactsSummary on topic t: a value its record refuses (java.lang.NullPointerException");
    }

    private static byte[] concat(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.US_ASCII) : (byte[]) p;
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }
}
