package org.entente.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void throughHeadersListPartitionsInOrderAndParseBackWithGapsUnknown() {
        assertThat(new String(Provenance.through(Map.of(3, 88L, 0, 1234L)), StandardCharsets.US_ASCII)).isEqualTo("0:1234,3:88");
        long[] parsed = Provenance.parseThrough(ascii("0:1234,3:88"));
        assertThat(parsed).containsExactly(1234, -1, -1, 88);
        assertThat(Provenance.covers(parsed, 0, 1234)).isTrue();
        assertThat(Provenance.covers(parsed, 0, 1235)).isFalse();
        assertThat(Provenance.covers(parsed, 1, 0)).as("a partition not named").isFalse();
        assertThat(Provenance.covers(parsed, 4, 0)).as("beyond the partitions named").isFalse();
    }

    @Test
    void missingOrMalformedHeadersPromiseNothing() {
        assertThat(Provenance.parseThrough(null)).isEmpty();
        assertThat(Provenance.parseThrough(ascii(""))).isEmpty();
        assertThat(Provenance.parseThrough(ascii("0:12,x"))).isEmpty();
        assertThat(Provenance.parseThrough(ascii("-1:5"))).isEmpty();
        assertThat(Provenance.parseArticle(ascii("2:17"))).containsExactly(2, 17);
        assertThat(Provenance.parseArticle(ascii("2-17"))).isNull();
        assertThat(Provenance.parseArticle(null)).isNull();
    }
}
