package org.entente.streams;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.entente.common.CountKeys;
import org.entente.common.CountValue;
import org.entente.common.Provenance;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.entente.common.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stage two, partitioned by pair: applies count deltas to {@code pair-stats-store} and
 * {@code domain-stats-store} and publishes the counts that changed.
 *
 * <p>Changed keys are collected and published by a wall-clock punctuator once per interval, so a
 * hot pair is published once per interval rather than once per article. A commit can fall between
 * an update and its publication; then the store (restored from its changelog after a crash or a
 * move to another instance) is ahead of the output topic. To close that gap the first punctuation
 * after {@link #init} publishes every count the task holds: an output topic is a table, so
 * publishing a count again is harmless, and every count is published at least once after its
 * last change. A count that falls to zero is kept in the store, as zero, until the punctuation that
 * publishes its tombstone prunes it, in the same transaction: otherwise a crash in that gap would
 * leave a count on the output topic that no longer exists anywhere else.
 */
final class CountsProcessor implements Processor<String, CountDelta, String, CountUpdate> {
    private static final String PAIR_TAG = "";
    private static final String DOMAIN_TAG = "d:";
    private static final String MONTH_TAG = "m:";

    private final Duration interval;
    private ProcessorContext<String, CountUpdate> context;
    private KeyValueStore<String, PairStats> pairs;
    private KeyValueStore<String, Long> domains;
    /** pair -> what changed in it: "" (the pair), "d:trade", "m:2025-05" */
    private final Map<String, Set<String>> dirtyPairs = new LinkedHashMap<>();
    private final Set<String> dirtyDomains = new LinkedHashSet<>();
    private boolean publishEverything;
    /**
     * Per articles partition, the offset of the last article whose deltas this task has applied:
     * deltas of one partition arrive in its order, so every count published now reflects every
     * article of that partition up to there (the {@link Provenance#THROUGH} header).
     */
    private final Map<Integer, Long> applied = new java.util.HashMap<>();
    private byte[] through = Provenance.through(Map.of());
    private boolean throughStale;

    CountsProcessor(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, CountUpdate> context) {
        this.context = context;
        this.pairs = context.getStateStore(EntenteTopology.PAIR_STATS_STORE);
        this.domains = context.getStateStore(EntenteTopology.DOMAIN_STATS_STORE);
        this.publishEverything = true;
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, CountDelta> record) {
        CountDelta delta = record.value();
        Header header = record.headers().lastHeader(Provenance.ARTICLE);
        long[] origin = header == null ? null : Provenance.parseArticle(header.value());
        if (origin != null) {
            applied.merge((int) origin[0], origin[1], Math::max);
            throughStale = true;
        }
        if (delta == null) {
            return;
        }
        if (CountDeltas.DOMAIN_TOTALS_KEY.equals(record.key())) {
            delta.domains().forEach((domain, d) -> {
                Long current = domains.get(domain);
                domains.put(domain, (current == null ? 0 : current) + d);
                dirtyDomains.add(domain);
            });
            return;
        }
        String pair = record.key();
        PairStats current = pairs.get(pair);
        pairs.put(pair, (current == null ? PairStats.EMPTY : current).plus(delta));
        Set<String> dirty = dirtyPairs.computeIfAbsent(pair, p -> new LinkedHashSet<>());
        if (delta.articles() != 0) {
            dirty.add(PAIR_TAG);
        }
        delta.domains().keySet().forEach(d -> dirty.add(DOMAIN_TAG + d));
        delta.months().keySet().forEach(m -> dirty.add(MONTH_TAG + m));
    }

    private void publish(long now) {
        if (throughStale) {
            through = Provenance.through(applied);
            throughStale = false;
        }
        if (publishEverything) {
            publishEverything = false;
            dirtyPairs.clear();
            dirtyDomains.clear();
            List<KeyValue<String, PairStats>> toPrune = new ArrayList<>();
            try (KeyValueIterator<String, PairStats> all = pairs.all()) {
                while (all.hasNext()) {
                    KeyValue<String, PairStats> entry = all.next();
                    Set<String> tags = new LinkedHashSet<>();
                    tags.add(PAIR_TAG);
                    entry.value.domains().keySet().forEach(d -> tags.add(DOMAIN_TAG + d));
                    entry.value.months().keySet().forEach(m -> tags.add(MONTH_TAG + m));
                    publishPair(entry.key, entry.value, tags, now);
                    if (entry.value.isEmpty() || entry.value.hasZeros()) {
                        toPrune.add(entry);
                    }
                }
            }
            // the store is not changed under an open iterator
            toPrune.forEach(entry -> prune(entry.key, entry.value));
            List<String> zeroDomains = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = domains.all()) {
                while (all.hasNext()) {
                    KeyValue<String, Long> entry = all.next();
                    emit(Topics.DOMAIN_COUNTS, entry.key, entry.value, now);
                    if (entry.value == 0) {
                        zeroDomains.add(entry.key);
                    }
                }
            }
            zeroDomains.forEach(domains::delete);
            return;
        }
        for (Map.Entry<String, Set<String>> entry : dirtyPairs.entrySet()) {
            PairStats stats = pairs.get(entry.getKey());
            if (stats == null) {
                continue;
            }
            publishPair(entry.getKey(), stats, entry.getValue(), now);
            prune(entry.getKey(), stats);
        }
        dirtyPairs.clear();
        for (String domain : dirtyDomains) {
            Long count = domains.get(domain);
            if (count == null) {
                continue;
            }
            emit(Topics.DOMAIN_COUNTS, domain, count, now);
            if (count == 0) {
                domains.delete(domain);
            }
        }
        dirtyDomains.clear();
    }

    /** Once its tombstones are published, a zero count leaves the store. */
    private void prune(String pair, PairStats stats) {
        if (stats.isEmpty()) {
            pairs.delete(pair);
        } else if (stats.hasZeros()) {
            pairs.put(pair, stats.pruned());
        }
    }

    private void publishPair(String pair, PairStats stats, Set<String> tags, long now) {
        for (String tag : tags) {
            if (tag.equals(PAIR_TAG)) {
                emit(Topics.PAIR_COUNTS, pair, stats.articles(), now);
            } else if (tag.startsWith(DOMAIN_TAG)) {
                String domain = tag.substring(DOMAIN_TAG.length());
                emit(Topics.PAIR_DOMAIN_COUNTS, CountKeys.pairDomain(pair, domain), stats.domain(domain), now);
            } else {
                String month = tag.substring(MONTH_TAG.length());
                emit(Topics.PAIR_MONTH_COUNTS, CountKeys.pairMonth(pair, month), stats.month(month), now);
            }
        }
    }

    private void emit(String topic, String key, long count, long now) {
        CountValue value = count == 0 ? null : org.entente.common.Contributions.valueFor(topic, key, count);
        context.forward(new Record<>(key, new CountUpdate(topic, value), now,
                new RecordHeaders().add(Provenance.THROUGH, through)));
    }
}
