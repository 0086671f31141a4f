package org.entente.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.Provenance;
import org.entente.common.articles.Months;
import org.entente.extract.Extractor;

import java.nio.charset.StandardCharsets;

/**
 * Stage one, partitioned by article id: validates each article, extracts its facts and forwards
 * the change from the previous version. A replay of the same version forwards nothing; a
 * tombstone forwards the removal of what the article contributed.
 */
final class ExtractFactsProcessor implements Processor<String, Article, String, FactsChange> {
    private final Extractor extractor;
    private final long maxBytes;
    private ProcessorContext<String, FactsChange> context;
    private KeyValueStore<String, FactsSummary> store;

    ExtractFactsProcessor(Extractor extractor, long maxBytes) {
        this.extractor = extractor;
        this.maxBytes = maxBytes;
    }

    @Override
    public void init(ProcessorContext<String, FactsChange> context) {
        this.context = context;
        this.store = context.getStateStore(EntenteTopology.ARTICLE_FACTS_STORE);
    }

    @Override
    public void process(Record<String, Article> record) {
        String id = record.key();
        if (id == null || id.isBlank()) {
            throw new InvalidArticleException("record has no key: the key must be the article id");
        }
        FactsSummary before = store.get(id);
        Article article = record.value();
        if (article == null) {
            if (before != null) {
                store.delete(id);
                context.forward(withOrigin(record.withValue(new FactsChange(null, before, null))));
            }
            return;
        }
        validate(article);
        // the record key is the identity: a value that names another id must not split an article
        Article keyed = id.equals(article.id()) ? article
                : new Article(id, article.date(), article.title(), article.body(), article.source(), article.origin());
        String version = keyed.version();
        if (before != null && before.version().equals(version)) {
            return;
        }
        ArticleFacts facts = extractor.extract(keyed, version);
        FactsSummary after = FactsSummary.of(facts);
        store.put(id, after);
        context.forward(withOrigin(record.withValue(new FactsChange(facts, before, after))));
    }

    /** Stamps where the article came from, for the facts and for the count deltas (see {@link Provenance}). */
    private Record<String, FactsChange> withOrigin(Record<String, FactsChange> change) {
        context.recordMetadata().ifPresent(m -> {
            change.headers().remove(Provenance.ARTICLE);
            change.headers().add(Provenance.ARTICLE, Provenance.article(m.partition(), m.offset()));
        });
        return change;
    }

    private void validate(Article article) {
        if (article.body() == null || article.body().isBlank()) {
            throw new InvalidArticleException("article has no body");
        }
        if (article.title() == null || article.title().isBlank()) {
            throw new InvalidArticleException("article has no title");
        }
        String dateProblem = Months.problem(article.date());
        if (dateProblem != null) {
            throw new InvalidArticleException(dateProblem);
        }
        long chars = article.body().length() + article.title().length();
        // bytes >= chars, and at most 3 bytes per UTF-16 char: count exactly only when in doubt
        if (chars > maxBytes || (chars * 3 > maxBytes
                && article.body().getBytes(StandardCharsets.UTF_8).length + article.title().length() > maxBytes)) {
            throw new InvalidArticleException("article text is over the limit of " + maxBytes
                    + " bytes (entente.article.max.bytes)");
        }
    }
}
