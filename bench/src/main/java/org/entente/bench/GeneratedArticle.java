package org.entente.bench;

import org.entente.common.Article;

import java.util.List;

/**
 * One record of a generated stream: an article (new or corrected) or a retraction, with what the
 * generator meant it to say.
 *
 * @param retraction when true, {@code article} holds only the id to retract
 */
public record GeneratedArticle(Article article, boolean retraction, List<String> countries, List<String> pairs,
                               List<String> domains) {
}
