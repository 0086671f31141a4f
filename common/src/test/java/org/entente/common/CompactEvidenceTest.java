package org.entente.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactEvidenceTest {
    private static final List<Evidence> EVIDENCE = List.of(
            new Evidence("Vietnam", 0, 7, Evidence.COUNTRY, "VN"),
            new Evidence("", 9, 9, Evidence.DOMAIN, "trade"),
            new Evidence("Kazakhstan", 12, 22, Evidence.COUNTRY, "KZ"),
            new Evidence("pétrole et gaz", 40, 54, Evidence.DOMAIN, "energy"),
            new Evidence("l’ASEAN", 60, 67, Evidence.ORGANISATION, "ASEAN"));

    @Test
    void givesBackEveryPhraseAsGiven() {
        List<Evidence> compact = CompactEvidence.of(new ArrayList<>(EVIDENCE));

        assertThat(compact).isInstanceOf(CompactEvidence.class).hasSize(5).containsExactlyElementsOf(EVIDENCE);
        assertThat(compact.get(3)).isEqualTo(new Evidence("pétrole et gaz", 40, 54, "domain", "energy"));
        assertThat(compact).isEqualTo(EVIDENCE).hasSameHashCodeAs(EVIDENCE);
        assertThat(CompactEvidence.of(compact)).isSameAs(compact);
        assertThatThrownBy(() -> compact.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> compact.add(EVIDENCE.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.set(0, EVIDENCE.get(1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sharesKindsAndCodesBetweenArticles() {
        List<Evidence> one = CompactEvidence.of(List.of(new Evidence("France", 0, 6, new String("country"), new String("FR"))));
        List<Evidence> other = CompactEvidence.of(List.of(new Evidence("Paris", 3, 8, new String("country"), new String("FR"))));

        assertThat(one.get(0).code()).isSameAs(other.get(0).code());
        assertThat(one.get(0).kind()).isSameAs(other.get(0).kind()).isSameAs(Evidence.COUNTRY);
    }

    @Test
    void evidenceWithoutTextIsKeptAsGiven() {
        List<Evidence> withoutText = List.of(new Evidence(null, 0, 6, "country", "FR"));

        assertThat(CompactEvidence.of(withoutText)).isSameAs(withoutText);
        assertThat(CompactEvidence.of(List.of())).isEmpty();
    }

    @Test
    void compactFactsEqualTheFactsAndSerializeTheSame() throws Exception {
        ArticleFacts facts = new ArticleFacts("id-1", "v1", "2025-05", "Title", "Agence", List.of("KZ", "VN"),
                List.of("KZ-VN"), List.of("energy", "trade"), EVIDENCE);

        ArticleFacts compact = facts.compact();

        assertThat(compact).isEqualTo(facts).hasSameHashCodeAs(facts);
        assertThat(compact.evidence()).isInstanceOf(CompactEvidence.class);
        assertThat(Json.MAPPER.writeValueAsString(compact)).isEqualTo(Json.MAPPER.writeValueAsString(facts));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(compact), ArticleFacts.class)).isEqualTo(facts);
        assertThat(compact.pairs().get(0)).isSameAs(new ArticleFacts("id-2", "v", null, null, null, List.of(),
                List.of(new String("KZ-VN")), List.of(), List.of()).compact().pairs().get(0));
    }
}
