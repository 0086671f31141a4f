package org.entente.extract;

import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.Evidence;
import org.entente.common.articles.SeedFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractorTest {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");

    private static ArticleFacts seed(String name) throws IOException {
        Path file = SEEDS.resolve(name);
        return Extractor.standard().extract(SeedFormat.parse(Files.readString(file), file.toString()));
    }

    private static ArticleFacts text(String title, String body) {
        return Extractor.standard().extract(new Article("t", "2025-05", title, body, "test", null));
    }

    @Test
    void readsTheKazakhSeedAsAnAnalystWould() throws IOException {
        ArticleFacts facts = seed("000_37923d21cf1f2eaa.txt");
        assertThat(facts.countries()).containsExactly("KZ", "VN");
        assertThat(facts.pairs()).containsExactly("KZ-VN");
        assertThat(facts.domains()).containsExactly("agriculture", "culture", "defence", "diplomacy", "economy",
                "education", "energy", "investment", "local_cooperation", "logistics", "mining", "multilateral",
                "people_to_people", "security", "tourism", "trade", "transport");
    }

    @Test
    void readsTheKyrgyzSeedAsAnAnalystWould() throws IOException {
        ArticleFacts facts = seed("003_45cd51b082e7748f.txt");
        assertThat(facts.countries()).containsExactly("KG", "VN");
        assertThat(facts.pairs()).containsExactly("KG-VN");
        assertThat(facts.domains()).containsExactly("diplomacy", "economy", "local_cooperation", "multilateral",
                "people_to_people", "trade");
        // the Eurasian Economic Union is an organisation, not a country
        assertThat(facts.evidence()).filteredOn(e -> e.kind().equals(Evidence.ORGANISATION))
                .extracting(Evidence::text).containsExactly("Union économique eurasienne", "UEE");
    }

    @Test
    void evidenceOffsetsPointAtTheWordsAsWritten() {
        Article article = new Article("t", "2025-05", "Coopération", "Le Viêt Nam et l’Inde ont signé un accord sur l’énergie.", "x", null);
        ArticleFacts facts = Extractor.standard().extract(article);
        String text = ArticleFacts.textOf(article);
        assertThat(facts.evidence()).extracting(Evidence::text).containsExactly("Viêt Nam", "Inde", "énergie");
        assertThat(facts.evidence()).allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text()));
        assertThat(facts.pairs()).containsExactly("IN-VN");
    }

    @Test
    void acronymsMatchOnlyAsWritten() {
        assertThat(text("Talks", "The US and the UAE signed an agreement on energy.").pairs()).containsExactly("AE-US");
        assertThat(text("Talks", "Let us sign an agreement on energy with Laos, said the Thai minister.").pairs())
                .containsExactly("LA-TH");
        assertThat(text("Entretien", "Un accord a été signé entre un groupe thaï et le Laos.").pairs()).containsExactly("LA-TH");
    }

    @Test
    void everyCountryOfTheGazetteerIsRecognisedByItsNamesInBothLanguages() {
        List<CountryNames> countries = Gazetteer.standard().countries();
        assertThat(countries).hasSize(195);
        for (CountryNames c : countries) {
            for (String name : List.of(c.nameEn(), c.nameFr(), c.nameFrWithArticle())) {
                ArticleFacts facts = text("Accord", name + " et le Vietnam ont signé un accord de coopération commerciale.");
                String expected = c.code().equals("VN") ? "VN" : null;
                assertThat(facts.countries()).as("%s (%s)", name, c.code()).contains(c.code());
                if (expected == null) {
                    assertThat(facts.countries()).as("%s", name).containsExactlyInAnyOrder(c.code(), "VN");
                }
            }
        }
    }

    @Test
    void theTwentyFiveDomainsEachHaveCuesInBothLanguages() {
        assertThat(Domains.ids()).containsExactly("diplomacy", "trade", "investment", "economy", "finance", "energy",
                "mining", "agriculture", "transport", "logistics", "defence", "security", "education",
                "science_technology", "digital", "health", "culture", "tourism", "labour", "environment", "justice",
                "local_cooperation", "people_to_people", "sport", "multilateral");
        for (String id : Domains.ids()) {
            for (String lang : List.of("fr", "en")) {
                String cue = Domains.cues(id, lang).get(0);
                ArticleFacts facts = text("Accord", "Le Laos et le Vietnam ont signé un accord de coopération dans les domaines suivants : " + cue + ".");
                assertThat(facts.domains()).as("%s %s '%s'", id, lang, cue).contains(id);
            }
        }
    }
}
