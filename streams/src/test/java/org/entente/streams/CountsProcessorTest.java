package org.entente.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.entente.common.CountValue;
import org.entente.common.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counting stage across a crash: a processor that dies between a change and its publication
 * is replaced by a new one over the same (restored) stores, which must publish what the first
 * could not, removals included.
 */
class CountsProcessorTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private KeyValueStore<String, PairStats> pairs;
    private KeyValueStore<String, Long> domains;

    @BeforeEach
    void stores() {
        // in memory and unlogged: the stores a restarted task gets back from its changelog
        pairs = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EntenteTopology.PAIR_STATS_STORE),
                Serdes.String(), InternalSerdes.pairStats()).withLoggingDisabled().build();
        domains = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EntenteTopology.DOMAIN_STATS_STORE),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        pairs.init(new MockProcessorContext<>().getStateStoreContext(), pairs);
        domains.init(new MockProcessorContext<>().getStateStoreContext(), domains);
    }

    /** A fresh processor over the stores, as after a restart; its first punctuation has not run yet. */
    private MockProcessorContext<String, CountUpdate> start() {
        MockProcessorContext<String, CountUpdate> context = new MockProcessorContext<>();
        context.addStateStore(pairs);
        context.addStateStore(domains);
        return context;
    }

    private static CountsProcessor processor(MockProcessorContext<String, CountUpdate> context) {
        CountsProcessor processor = new CountsProcessor(INTERVAL);
        processor.init(context);
        return processor;
    }

    private static void punctuate(MockProcessorContext<String, CountUpdate> context) {
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(0L));
    }

    /** What was forwarded, as topic -> key -> count (0 for a tombstone); the context is reset. */
    private static Map<String, Map<String, Long>> published(MockProcessorContext<String, CountUpdate> context) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        context.forwarded().forEach(f -> {
            CountUpdate update = f.record().value();
            CountValue value = update.value();
            out.computeIfAbsent(update.topic(), t -> new TreeMap<>()).put(f.record().key(), value == null ? 0L : value.articles());
        });
        context.resetForwards();
        return out;
    }

    private static void delta(CountsProcessor processor, String key, CountDelta delta) {
        processor.process(new Record<>(key, delta, 0L));
    }

    @Test
    void aRemovalNotYetPublishedWhenTheProcessorDiesIsPublishedByTheNextOne() {
        MockProcessorContext<String, CountUpdate> first = start();
        CountsProcessor one = processor(first);
        punctuate(first);
        assertThat(published(first)).isEmpty();

        delta(one, "KZ-VN", new CountDelta(1, Map.of("trade", 1, "energy", 1), Map.of("2025-05", 1)));
        delta(one, CountDeltas.DOMAIN_TOTALS_KEY, new CountDelta(0, Map.of("trade", 1, "energy", 1), Map.of()));
        punctuate(first);
        assertThat(published(first)).isEqualTo(Map.of(
                Topics.PAIR_COUNTS, Map.of("KZ-VN", 1L),
                Topics.PAIR_DOMAIN_COUNTS, Map.of("KZ-VN|energy", 1L, "KZ-VN|trade", 1L),
                Topics.PAIR_MONTH_COUNTS, Map.of("KZ-VN|2025-05", 1L),
                Topics.DOMAIN_COUNTS, Map.of("energy", 1L, "trade", 1L)));

        // a correction drops energy, then the article is retracted: applied, committed, never published
        delta(one, "KZ-VN", new CountDelta(0, Map.of("energy", -1), Map.of()));
        delta(one, CountDeltas.DOMAIN_TOTALS_KEY, new CountDelta(0, Map.of("energy", -1), Map.of()));
        delta(one, "KZ-VN", new CountDelta(-1, Map.of("trade", -1), Map.of("2025-05", -1)));
        delta(one, CountDeltas.DOMAIN_TOTALS_KEY, new CountDelta(0, Map.of("trade", -1), Map.of()));
        assertThat(published(first)).isEmpty();

        // the process dies; the task restarts on the restored stores
        MockProcessorContext<String, CountUpdate> second = start();
        processor(second);
        punctuate(second);
        assertThat(published(second)).as("every removal reaches the output topics as a tombstone").isEqualTo(Map.of(
                Topics.PAIR_COUNTS, Map.of("KZ-VN", 0L),
                Topics.PAIR_DOMAIN_COUNTS, Map.of("KZ-VN|energy", 0L, "KZ-VN|trade", 0L),
                Topics.PAIR_MONTH_COUNTS, Map.of("KZ-VN|2025-05", 0L),
                Topics.DOMAIN_COUNTS, Map.of("energy", 0L, "trade", 0L)));
        assertThat(pairs.approximateNumEntries()).as("published zeros are pruned").isZero();
        assertThat(domains.approximateNumEntries()).isZero();

        punctuate(second);
        assertThat(published(second)).as("nothing left to publish").isEmpty();
    }

    @Test
    void aZeroIsPrunedOnlyOnceItsTombstoneIsPublished() {
        MockProcessorContext<String, CountUpdate> context = start();
        CountsProcessor processor = processor(context);
        punctuate(context);
        delta(processor, "KG-VN", new CountDelta(1, Map.of("education", 1, "trade", 1), Map.of("2025-06", 1)));
        punctuate(context);
        published(context);

        delta(processor, "KG-VN", new CountDelta(0, Map.of("education", -1), Map.of()));
        assertThat(pairs.get("KG-VN")).as("the zero waits in the store")
                .isEqualTo(new PairStats(1, Map.of("education", 0L, "trade", 1L), Map.of("2025-06", 1L)));
        punctuate(context);
        assertThat(published(context)).isEqualTo(Map.of(Topics.PAIR_DOMAIN_COUNTS, Map.of("KG-VN|education", 0L)));
        assertThat(pairs.get("KG-VN")).isEqualTo(new PairStats(1, Map.of("trade", 1L), Map.of("2025-06", 1L)));
    }
}
