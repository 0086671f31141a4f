package org.entente.producer;

import org.entente.common.articles.Rejection;

import java.util.List;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param published articles acknowledged by the cluster
 * @param rejected  inputs that were not articles, each with its reason
 * @param versions  id to {@code Article.version()} of the last version sent of each article
 */
public record ReplayReport(long published, List<Rejection> rejected, Map<String, String> versions) {
    public ReplayReport {
        rejected = List.copyOf(rejected);
        versions = Map.copyOf(versions);
    }

    /** Some inputs were rejected: every good one was still published. */
    public boolean partial() {
        return !rejected.isEmpty();
    }
}
