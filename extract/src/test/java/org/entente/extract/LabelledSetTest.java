package org.entente.extract;

import com.fasterxml.jackson.databind.JsonNode;
import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extraction quality on a labelled set written by hand (French and English, every hard case:
 * demonyms, metonyms, blocs, passing mentions, trilateral meetings, negatives). Fails below floors
 * set just under the figures reached, so a regression shows.
 */
class LabelledSetTest {
    record Labelled(Article article, Set<String> pairs, Set<String> domains) {
    }

    record Score(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)",
                    precision(), recall(), f1(), truePositives, falsePositives, falseNegatives);
        }
    }

    static List<Labelled> set;
    static Score pairs;
    static Score domains;
    static Score tuples;

    @BeforeAll
    static void score() throws IOException {
        set = load();
        Set<String> expectedPairs = new HashSet<>();
        Set<String> foundPairs = new HashSet<>();
        Set<String> expectedDomains = new HashSet<>();
        Set<String> foundDomains = new HashSet<>();
        Set<String> expectedTuples = new HashSet<>();
        Set<String> foundTuples = new HashSet<>();
        StringBuilder misses = new StringBuilder();
        for (Labelled l : set) {
            ArticleFacts facts = Extractor.standard().extract(l.article());
            String id = l.article().id();
            l.pairs().forEach(p -> expectedPairs.add(id + " " + p));
            facts.pairs().forEach(p -> foundPairs.add(id + " " + p));
            l.domains().forEach(d -> expectedDomains.add(id + " " + d));
            facts.domains().forEach(d -> foundDomains.add(id + " " + d));
            l.pairs().forEach(p -> l.domains().forEach(d -> expectedTuples.add(id + " " + p + " " + d)));
            facts.pairs().forEach(p -> facts.domains().forEach(d -> foundTuples.add(id + " " + p + " " + d)));
            if (!Set.copyOf(facts.pairs()).equals(l.pairs()) || !Set.copyOf(facts.domains()).equals(l.domains())) {
                misses.append(String.format("%s: pairs %s expected %s; domains %s expected %s%n",
                        id, facts.pairs(), l.pairs(), facts.domains(), l.domains()));
            }
        }
        pairs = score(expectedPairs, foundPairs);
        domains = score(expectedDomains, foundDomains);
        tuples = score(expectedTuples, foundTuples);
        System.out.printf("labelled set: %d articles%npairs   %s%ndomains %s%ntuples  %s%n%s", set.size(), pairs, domains, tuples, misses);
    }

    @Test
    void theSetCoversBothLanguagesAndEnoughArticles() {
        assertThat(set).hasSizeGreaterThanOrEqualTo(60);
        assertThat(set.stream().filter(l -> l.article().id().startsWith("fr-"))).hasSizeGreaterThanOrEqualTo(30);
        assertThat(set.stream().filter(l -> l.article().id().startsWith("en-"))).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void pairsAreFoundAsAnAnalystWould() {
        assertThat(pairs.f1()).as("pair F1: %s", pairs).isGreaterThanOrEqualTo(PAIR_F1_FLOOR);
    }

    @Test
    void domainsAreFoundAsAnAnalystWould() {
        assertThat(domains.f1()).as("domain F1: %s", domains).isGreaterThanOrEqualTo(DOMAIN_F1_FLOOR);
    }

    @Test
    void pairDomainTuplesAreFoundAsAnAnalystWould() {
        assertThat(tuples.f1()).as("tuple F1: %s", tuples).isGreaterThanOrEqualTo(TUPLE_F1_FLOOR);
    }

    // just under the figures reached (1.000, 0.988, 0.988): a regression of one article fails
    static final double PAIR_F1_FLOOR = 0.98;
    static final double DOMAIN_F1_FLOOR = 0.97;
    static final double TUPLE_F1_FLOOR = 0.97;

    private static Score score(Set<String> expected, Set<String> found) {
        int tp = 0;
        for (String f : found) {
            if (expected.contains(f)) {
                tp++;
            }
        }
        return new Score(tp, found.size() - tp, expected.size() - tp);
    }

    static List<Labelled> load() throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LabelledSetTest.class.getResourceAsStream("/labelled/articles.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode n = Json.MAPPER.readTree(line);
                Article article = new Article(n.get("id").asText(), n.get("date").asText(), n.get("title").asText(),
                        n.get("body").asText(), n.get("source").asText(), null);
                out.add(new Labelled(article, strings(n.get("expected").get("pairs")), strings(n.get("expected").get("domains"))));
            }
        }
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
