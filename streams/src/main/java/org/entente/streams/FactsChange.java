package org.entente.streams;

import org.entente.common.ArticleFacts;

/**
 * One article moving from one version to the next inside the topology (never serialised).
 *
 * @param facts  the new facts, null when the article was retracted
 * @param before what the previous version contributed, null for a new article
 * @param after  what this version contributes, null for a retraction
 */
record FactsChange(ArticleFacts facts, FactsSummary before, FactsSummary after) {
}
