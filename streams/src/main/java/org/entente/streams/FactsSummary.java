package org.entente.streams;

import org.entente.common.ArticleFacts;
import org.entente.common.Contributions;

import java.util.List;

/**
 * What the topology remembers of the latest version of each article (store
 * {@code article-facts-store}): enough to undo its contribution, nothing more. The evidence lives
 * in the {@code article-facts} topic, not in the store, so the store and its changelog stay small.
 */
public record FactsSummary(String version, String month, List<String> pairs, List<String> domains) {
    public FactsSummary {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    static FactsSummary of(ArticleFacts facts) {
        return new FactsSummary(facts.version(), facts.date(), facts.pairs(), facts.domains());
    }

    Contributions contributions() {
        return Contributions.of(pairs, domains, month);
    }
}
