package org.entente.systemtests;

import org.entente.common.Topics;
import org.entente.common.articles.ArticleReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the two seed articles must give, domain by domain, as an analyst reads them. */
final class SeedExpectations {
    static final List<String> KZ_VN_DOMAINS = List.of("agriculture", "culture", "defence", "diplomacy", "economy",
            "education", "energy", "investment", "local_cooperation", "logistics", "mining", "multilateral",
            "people_to_people", "security", "tourism", "trade", "transport");
    static final List<String> KG_VN_DOMAINS = List.of("diplomacy", "economy", "local_cooperation", "multilateral",
            "people_to_people", "trade");

    static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");

    private SeedExpectations() {
    }

    /** Article id to version of each seed, read by the same reader the producer uses. */
    static Map<String, String> versions() {
        Map<String, String> out = new TreeMap<>();
        new ArticleReader().read(List.of(SEEDS), a -> out.put(a.id(), a.version()), r -> {
            throw new AssertionError("a seed is rejected: " + r);
        });
        return out;
    }

    static Map<String, Map<String, Long>> counts() {
        Map<String, Long> pairDomain = new TreeMap<>();
        KZ_VN_DOMAINS.forEach(d -> pairDomain.put("KZ-VN|" + d, 1L));
        KG_VN_DOMAINS.forEach(d -> pairDomain.put("KG-VN|" + d, 1L));
        Map<String, Long> domain = new TreeMap<>();
        KZ_VN_DOMAINS.forEach(d -> domain.merge(d, 1L, Long::sum));
        KG_VN_DOMAINS.forEach(d -> domain.merge(d, 1L, Long::sum));
        Map<String, Map<String, Long>> all = new TreeMap<>();
        all.put(Topics.PAIR_DOMAIN_COUNTS, pairDomain);
        all.put(Topics.PAIR_COUNTS, new TreeMap<>(Map.of("KG-VN", 1L, "KZ-VN", 1L)));
        all.put(Topics.DOMAIN_COUNTS, domain);
        all.put(Topics.PAIR_MONTH_COUNTS, new TreeMap<>(Map.of("KG-VN|2025-02", 1L, "KZ-VN|2025-05", 1L)));
        return all;
    }
}
