package org.entente.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.CountValue;
import org.entente.common.EntenteConfig;
import org.entente.common.JsonSerdes;
import org.entente.common.Topics;
import org.entente.extract.Extractor;

import java.time.Duration;

/**
 * The Entente topology.
 *
 * <pre>
 * articles (key: article id, value: Article JSON, null = retraction)
 *   -> extract-facts [article-facts-store]         stage 1, partitioned by article id
 *        -> article-facts (key: id, value: ArticleFacts JSON, null = retracted)
 *        -> count-deltas: one record per pair touched + one for the domain totals
 *   -> repartition "count-deltas" (key: pair or *domains, value: CountDelta, InternalSerdes)
 *   -> count [pair-stats-store, domain-stats-store]  stage 2, partitioned by pair
 *        -> pair-domain-counts, pair-counts, domain-counts, pair-month-counts
 *           (key: KZ-VN|trade, KZ-VN, trade, KZ-VN|2025-05; value: CountValue JSON; null = zero)
 * </pre>
 *
 * Every processor, store and internal topic has a stable name, so adding an operator never
 * renames state ({@code ensure.explicit.internal.resource.naming} is on).
 */
public final class EntenteTopology {
    public static final String ARTICLE_FACTS_STORE = "article-facts-store";
    public static final String PAIR_STATS_STORE = "pair-stats-store";
    public static final String DOMAIN_STATS_STORE = "domain-stats-store";
    public static final String EXTRACT_PROCESSOR = "extract-facts";
    public static final String COUNT_DELTAS_TOPIC = "count-deltas";

    private EntenteTopology() {
    }

    public static Topology build(EntenteConfig config, Extractor extractor) {
        long maxBytes = config.getLong(StreamsSettings.ARTICLE_MAX_BYTES, StreamsSettings.DEFAULT_ARTICLE_MAX_BYTES);
        Duration publishEvery = Duration.ofMillis(config.getLong(StreamsSettings.COMMIT_INTERVAL_MS,
                StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS));
        Serde<String> keys = Serdes.String();
        Serde<CountValue> counts = JsonSerdes.serdeFor(CountValue.class);

        StreamsBuilder builder = new StreamsBuilder();
        // one key per article: a cache would only delay writes that are never overwritten
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLE_FACTS_STORE),
                keys, InternalSerdes.factsSummary()).withCachingDisabled());
        // hot pairs change many times per commit: the cache writes their changelog once per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAIR_STATS_STORE),
                keys, InternalSerdes.pairStats()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DOMAIN_STATS_STORE),
                keys, Serdes.Long()).withCachingEnabled());

        KStream<String, FactsChange> changes = builder
                .stream(Topics.ARTICLES, Consumed.with(keys, JsonSerdes.serdeFor(Article.class)).withName("articles-source"))
                .process(() -> new ExtractFactsProcessor(extractor, maxBytes), Named.as(EXTRACT_PROCESSOR), ARTICLE_FACTS_STORE);

        changes.mapValues(FactsChange::facts, Named.as("facts-of-change"))
                .to(Topics.ARTICLE_FACTS, Produced.with(keys, JsonSerdes.serdeFor(ArticleFacts.class)).withName("article-facts-sink"));

        BranchedKStream<String, CountUpdate> updates = changes
                .flatMap((id, change) -> CountDeltas.records(change), Named.as("to-count-deltas"))
                .repartition(Repartitioned.with(keys, InternalSerdes.countDelta()).withName(COUNT_DELTAS_TOPIC))
                .process(() -> new CountsProcessor(publishEvery), Named.as("count"), PAIR_STATS_STORE, DOMAIN_STATS_STORE)
                .split(Named.as("count-update-"));
        for (String topic : Topics.COUNT_TOPICS) {
            updates = updates.branch((key, update) -> update.topic().equals(topic), Branched.withConsumer(stream -> stream
                    .mapValues(CountUpdate::value, Named.as(topic + "-value"))
                    .to(topic, Produced.with(keys, counts).withName(topic + "-sink")), topic));
        }
        updates.noDefaultBranch();
        return builder.build();
    }
}
