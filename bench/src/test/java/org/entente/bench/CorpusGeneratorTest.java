package org.entente.bench;

import org.entente.common.ArticleFacts;
import org.entente.extract.Extractor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusGeneratorTest {
    @Test
    void theSameSeedGivesTheSameStream() {
        List<GeneratedArticle> a = new CorpusGenerator(new GeneratorSettings(300, 7, 0.05, 0.01)).all();
        List<GeneratedArticle> b = new CorpusGenerator(new GeneratorSettings(300, 7, 0.05, 0.01)).all();
        List<GeneratedArticle> c = new CorpusGenerator(new GeneratorSettings(300, 8, 0.05, 0.01)).all();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void articlesAreRealisticDispatchesInBothLanguages() {
        List<GeneratedArticle> all = new CorpusGenerator(new GeneratorSettings(500, 1, 0, 0)).all();
        assertThat(all).allSatisfy(g -> assertThat(g.article().body().length()).isBetween(1900, 4400));
        assertThat(all.stream().filter(g -> g.article().title().contains("(réf. "))).hasSizeBetween(200, 300);
        assertThat(all.stream().filter(g -> g.countries().size() == 3)).hasSizeBetween(25, 80);
        assertThat(all.stream().map(g -> g.article().id()).distinct()).hasSize(500);
    }

    @Test
    void theGroundTruthFollowsCorrectionsAndRetractions() {
        CorpusGenerator generator = new CorpusGenerator(new GeneratorSettings(2000, 3, 0.10, 0.05));
        List<GeneratedArticle> all = generator.all();
        long retractions = all.stream().filter(GeneratedArticle::retraction).count();
        long fresh = all.stream().map(g -> g.article().id()).distinct().count();
        assertThat(retractions).isBetween(60L, 140L);
        assertThat(generator.truth().articles()).isEqualTo((int) (fresh - retractions));
        // every live article counts once per pair: the pair totals add up to the pairs of the live set
        long livePairs = 0;
        java.util.Map<String, GeneratedArticle> latest = new java.util.HashMap<>();
        for (GeneratedArticle g : all) {
            if (g.retraction()) {
                latest.remove(g.article().id());
            } else {
                latest.put(g.article().id(), g);
            }
        }
        for (GeneratedArticle g : latest.values()) {
            livePairs += g.pairs().size();
        }
        assertThat(generator.truth().counts().get("pair-counts").values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(livePairs);
    }

    @Test
    void theExtractorReadsEveryGeneratedArticleAsTheGeneratorMeantIt() {
        List<String> disagreements = new ArrayList<>();
        for (GeneratedArticle g : new CorpusGenerator(new GeneratorSettings(3000, 11, 0.05, 0.0)).all()) {
            ArticleFacts facts = Extractor.standard().extract(g.article());
            if (!facts.pairs().equals(g.pairs()) || !facts.domains().equals(g.domains())) {
                disagreements.add(g.article().title() + ": " + facts.pairs() + " " + facts.domains()
                        + " but meant " + g.pairs() + " " + g.domains());
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
