package org.entente.streams;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.CountValue;
import org.entente.common.EntenteConfig;
import org.entente.common.JsonSerdes;
import org.entente.common.Topics;
import org.entente.extract.Extractor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class EntenteTopologyTest {
    @TempDir
    Path state;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Article> articles;
    private TestInputTopic<String, byte[]> rawArticles;
    private final Map<String, TestOutputTopic<String, CountValue>> countTopics = new HashMap<>();
    private final Map<String, Map<String, Long>> counts = new HashMap<>();
    private TestOutputTopic<String, ArticleFacts> facts;
    private final Map<String, ArticleFacts> factsTable = new TreeMap<>();

    @BeforeEach
    void start() {
        EntenteConfig config = EntenteConfig.of(Map.of(StreamsSettings.STATE_DIR, state.toString(),
                StreamsSettings.ARTICLE_MAX_BYTES, "20000"));
        driver = new TopologyTestDriver(EntenteTopology.build(config, Extractor.standard()), StreamsSettings.properties(config));
        articles = driver.createInputTopic(Topics.ARTICLES, new StringSerializer(), JsonSerdes.serializer(Article.class));
        rawArticles = driver.createInputTopic(Topics.ARTICLES, new StringSerializer(), new ByteArraySerializer());
        for (String topic : Topics.COUNT_TOPICS) {
            countTopics.put(topic, driver.createOutputTopic(topic, new StringDeserializer(), JsonSerdes.deserializer(CountValue.class)));
            counts.put(topic, new TreeMap<>());
        }
        facts = driver.createOutputTopic(Topics.ARTICLE_FACTS, new StringDeserializer(), JsonSerdes.deserializer(ArticleFacts.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static Article article(String id, String date, String body) {
        return new Article(id, date, "Dispatch " + id, body, "AFP", null);
    }

    private static final Article VN_KZ = article("a1", "2025-05",
            "Vietnam and Kazakhstan agreed to deepen cooperation in trade and energy.");
    private static final Article LA_TH = article("a2", "2025-06",
            "Laos and Thailand signed an agreement on tourism and trade.");

    /** Publishes what the punctuator collected, then reads every output topic as a table. */
    private void settle() {
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + 1));
        countTopics.forEach((topic, out) -> {
            for (TestRecord<String, CountValue> r : out.readRecordsToList()) {
                if (r.value() == null) {
                    counts.get(topic).remove(r.key());
                } else {
                    counts.get(topic).put(r.key(), r.value().articles());
                }
            }
        });
        for (TestRecord<String, ArticleFacts> r : facts.readRecordsToList()) {
            if (r.value() == null) {
                factsTable.remove(r.key());
            } else {
                factsTable.put(r.key(), r.value());
            }
        }
    }

    @Test
    void countDeltasThatAnEarlierVersionLeftInTheRepartitionTopicAsJsonAreCounted() {
        articles.pipeInput("a1", VN_KZ);
        // an instance of a version before the binary form wrote these, and stopped before counting them
        TestInputTopic<String, byte[]> deltas = driver.createInputTopic("entente-streams-count-deltas-repartition",
                new StringSerializer(), new ByteArraySerializer());
        deltas.pipeInput("KZ-VN", "{\"articles\":1,\"domains\":{\"trade\":1},\"months\":{\"2025-06\":1}}"
                .getBytes(StandardCharsets.UTF_8));
        deltas.pipeInput(CountDeltas.DOMAIN_TOTALS_KEY, "{\"articles\":0,\"domains\":{\"trade\":1},\"months\":{}}"
                .getBytes(StandardCharsets.UTF_8));
        settle();

        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 2L));
        assertThat(counts.get(Topics.PAIR_DOMAIN_COUNTS)).containsOnly(entry("KZ-VN|energy", 1L), entry("KZ-VN|trade", 2L));
        assertThat(counts.get(Topics.DOMAIN_COUNTS)).containsOnly(entry("energy", 1L), entry("trade", 2L));
        assertThat(counts.get(Topics.PAIR_MONTH_COUNTS)).containsOnly(entry("KZ-VN|2025-05", 1L), entry("KZ-VN|2025-06", 1L));
        KeyValueStore<String, PairStats> stats = driver.getKeyValueStore(EntenteTopology.PAIR_STATS_STORE);
        assertThat(stats.get("KZ-VN")).isEqualTo(new PairStats(2, Map.of("energy", 1L, "trade", 2L),
                Map.of("2025-05", 1L, "2025-06", 1L)));
    }

    @Test
    void countsTwoArticlesOnEveryTopic() {
        articles.pipeInput("a1", VN_KZ);
        articles.pipeInput("a2", LA_TH);
        settle();

        assertThat(counts.get(Topics.PAIR_DOMAIN_COUNTS)).containsOnly(
                entry("KZ-VN|energy", 1L), entry("KZ-VN|trade", 1L), entry("LA-TH|tourism", 1L), entry("LA-TH|trade", 1L));
        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 1L), entry("LA-TH", 1L));
        assertThat(counts.get(Topics.DOMAIN_COUNTS)).containsOnly(entry("energy", 1L), entry("tourism", 1L), entry("trade", 2L));
        assertThat(counts.get(Topics.PAIR_MONTH_COUNTS)).containsOnly(entry("KZ-VN|2025-05", 1L), entry("LA-TH|2025-06", 1L));
        assertThat(factsTable).containsOnlyKeys("a1", "a2");
        assertThat(factsTable.get("a1").pairs()).containsExactly("KZ-VN");
        assertThat(factsTable.get("a1").version()).isEqualTo(VN_KZ.version());
    }

    @Test
    void factsNameTheArticleRecordTheyComeFromAndCountsHowFarIntoTheArticlesTheyReach() {
        articles.pipeInput("a1", VN_KZ);
        articles.pipeInput("a2", LA_TH);
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + 1));
        Map<String, String> factsOrigin = new TreeMap<>();
        facts.readRecordsToList().forEach(r -> factsOrigin.put(r.key(), header(r, org.entente.common.Provenance.ARTICLE)));
        assertThat(factsOrigin).containsOnly(entry("a1", "0:0"), entry("a2", "0:1"));
        Map<String, String> through = new TreeMap<>();
        countTopics.get(Topics.PAIR_COUNTS).readRecordsToList()
                .forEach(r -> through.put(r.key(), header(r, org.entente.common.Provenance.THROUGH)));
        // both articles were applied before the first publication
        assertThat(through).containsOnly(entry("KZ-VN", "0:1"), entry("LA-TH", "0:1"));
        countTopics.values().forEach(TestOutputTopic::readRecordsToList);

        // a correction of a1 (offset 2) moves KZ-VN from energy to education; LA-TH is not published again
        articles.pipeInput("a1", article("a1", "2025-05", "Vietnam and Kazakhstan agreed to deepen cooperation in trade and education."));
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + 1));
        Map<String, String> after = new TreeMap<>();
        countTopics.get(Topics.PAIR_DOMAIN_COUNTS).readRecordsToList()
                .forEach(r -> after.put(r.key() + (r.value() == null ? " (removed)" : ""), header(r, org.entente.common.Provenance.THROUGH)));
        assertThat(after).containsOnly(entry("KZ-VN|education", "0:2"), entry("KZ-VN|energy (removed)", "0:2"));
        assertThat(facts.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(header(r, org.entente.common.Provenance.ARTICLE)).isEqualTo("0:2"));
    }

    @Test
    void countsEachArticleOnceWhenReplayedThreeTimes() {
        articles.pipeInput("a1", VN_KZ);
        articles.pipeInput("a2", LA_TH);
        settle();
        for (int i = 0; i < 3; i++) {
            articles.pipeInput("a1", VN_KZ);
        }
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + 1));

        // a replay forwards nothing at all: no new facts, no count update
        assertThat(facts.isEmpty()).isTrue();
        countTopics.values().forEach(out -> assertThat(out.isEmpty()).isTrue());
        settle();
        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 1L), entry("LA-TH", 1L));
        assertThat(counts.get(Topics.DOMAIN_COUNTS)).containsOnly(entry("energy", 1L), entry("tourism", 1L), entry("trade", 2L));
    }

    @Test
    void anArticleStoredUnderAnEarlierVersionDigestIsReadAgainOnReplayAndStillCountedOnce() {
        articles.pipeInput("a1", VN_KZ);
        articles.pipeInput("a2", LA_TH);
        settle();
        // versions before XXH64 were the first 8 bytes of a SHA-256: what an upgraded store holds
        KeyValueStore<String, FactsSummary> store = driver.getKeyValueStore(EntenteTopology.ARTICLE_FACTS_STORE);
        FactsSummary stored = store.get("a1");
        store.put("a1", new FactsSummary("3f1c0a9be2d45c77", stored.month(), stored.pairs(), stored.domains()));
        factsTable.clear();

        articles.pipeInput("a1", VN_KZ);
        settle();

        // the facts are published again under the new digest; the counts do not move
        assertThat(factsTable).containsOnlyKeys("a1");
        assertThat(factsTable.get("a1").version()).isEqualTo(VN_KZ.version());
        assertThat(store.get("a1").version()).isEqualTo(VN_KZ.version());
        assertThat(counts.get(Topics.PAIR_DOMAIN_COUNTS)).containsOnly(
                entry("KZ-VN|energy", 1L), entry("KZ-VN|trade", 1L), entry("LA-TH|tourism", 1L), entry("LA-TH|trade", 1L));
        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 1L), entry("LA-TH", 1L));
        assertThat(counts.get(Topics.DOMAIN_COUNTS)).containsOnly(entry("energy", 1L), entry("tourism", 1L), entry("trade", 2L));
        assertThat(counts.get(Topics.PAIR_MONTH_COUNTS)).containsOnly(entry("KZ-VN|2025-05", 1L), entry("LA-TH|2025-06", 1L));
    }

    @Test
    void aCorrectionMovesTheCountsFromTheOldFactsToTheNew() {
        articles.pipeInput("a1", VN_KZ);
        articles.pipeInput("a2", LA_TH);
        settle();

        Article corrected = article("a1", "2025-07", "Vietnam and Laos agreed to deepen cooperation in defence and trade.");
        articles.pipeInput("a1", corrected);
        settle();

        assertThat(counts.get(Topics.PAIR_DOMAIN_COUNTS)).containsOnly(
                entry("LA-VN|defence", 1L), entry("LA-VN|trade", 1L), entry("LA-TH|tourism", 1L), entry("LA-TH|trade", 1L));
        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("LA-VN", 1L), entry("LA-TH", 1L));
        assertThat(counts.get(Topics.DOMAIN_COUNTS)).containsOnly(entry("defence", 1L), entry("tourism", 1L), entry("trade", 2L));
        assertThat(counts.get(Topics.PAIR_MONTH_COUNTS)).containsOnly(entry("LA-VN|2025-07", 1L), entry("LA-TH|2025-06", 1L));
        assertThat(factsTable.get("a1").version()).isEqualTo(corrected.version());
    }

    @Test
    void aTombstoneRemovesTheArticlesContribution() {
        articles.pipeInput("a1", VN_KZ);
        articles.pipeInput("a2", LA_TH);
        settle();

        articles.pipeInput("a2", (Article) null);
        settle();

        assertThat(counts.get(Topics.PAIR_DOMAIN_COUNTS)).containsOnly(entry("KZ-VN|energy", 1L), entry("KZ-VN|trade", 1L));
        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 1L));
        assertThat(counts.get(Topics.DOMAIN_COUNTS)).containsOnly(entry("energy", 1L), entry("trade", 1L));
        assertThat(counts.get(Topics.PAIR_MONTH_COUNTS)).containsOnly(entry("KZ-VN|2025-05", 1L));
        assertThat(factsTable).containsOnlyKeys("a1");

        // retracting an unknown article or the same one again changes nothing
        articles.pipeInput("a2", (Article) null);
        articles.pipeInput("zz", (Article) null);
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + 1));
        assertThat(facts.isEmpty()).isTrue();
        countTopics.values().forEach(out -> assertThat(out.isEmpty()).isTrue());
    }

    @Test
    void twoArticlesOnOnePairCountTwoAndAHotPairIsPublishedOncePerInterval() {
        for (int i = 0; i < 5; i++) {
            articles.pipeInput("k" + i, article("k" + i, "2025-05", "Vietnam and Kazakhstan agreed on trade, round " + i + "."));
        }
        driver.advanceWallClockTime(Duration.ofMillis(StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS + 1));
        List<TestRecord<String, CountValue>> published = countTopics.get(Topics.PAIR_COUNTS).readRecordsToList();
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("KZ-VN");
            assertThat(r.value()).isEqualTo(new CountValue("KZ-VN", null, null, 5));
        });
    }

    @Test
    void anArticleWithOneCountryIsKeptInTheFactsButCountsNowhere() {
        articles.pipeInput("solo", new Article("solo", "2025-05", "Vietnam and its trade partners",
                "Vietnam raised its rice exports and signed trade deals.", "AFP", null));
        settle();
        assertThat(factsTable.get("solo").countries()).containsExactly("VN");
        assertThat(factsTable.get("solo").pairs()).isEmpty();
        counts.values().forEach(table -> assertThat(table).isEmpty());
    }

    @Test
    void invalidArticlesLandOnTheDeadLetterTopicWithReasonAndOriginWhileGoodOnesCount() {
        TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(Topics.ARTICLES_DLQ,
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());

        rawArticles.pipeInput("p2", "{\"id\":\"p2\",\"date\":\"2025-05\",\"title\":\"No body\",\"source\":\"AFP\"}".getBytes(StandardCharsets.UTF_8));
        rawArticles.pipeInput("p3", "{\"id\":\"p3\",\"date\":\"someday\",\"title\":\"T\",\"body\":\"Vietnam and Laos on trade.\"}".getBytes(StandardCharsets.UTF_8));
        articles.pipeInput("p4", article("p4", "2025-05", "Vietnam and Laos on trade. " + "x".repeat(30_000)));
        articles.pipeInput("a1", VN_KZ);
        settle();

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("p2", "p3", "p4");
        assertThat(dead).extracting(r -> header(r, "__streams.errors.message")).containsExactly(
                "article has no body",
                "date 'someday' is not YYYY-MM",
                "article text is over the limit of 20000 bytes (entente.article.max.bytes)");
        assertThat(dead).extracting(r -> header(r, "__streams.errors.exception"))
                .containsOnly(InvalidArticleException.class.getName());
        assertThat(dead).extracting(r -> header(r, "__streams.errors.topic")).containsOnly(Topics.ARTICLES);
        assertThat(dead).extracting(r -> header(r, "__streams.errors.offset")).containsExactly("0", "1", "2");
        assertThat(dead).extracting(r -> header(r, "__streams.errors.partition")).containsOnly("0");
        assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).contains("someday");

        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 1L));
        assertThat(factsTable).containsOnlyKeys("a1");
    }

    @Test
    void recordsThatAreNotArticlesAreSkippedAndCountingGoesOn() {
        // on a real broker these reach the dead-letter topic too (see PoisonRecordsIT); the test
        // driver does not forward deserialization dead letters
        rawArticles.pipeInput("p1", "this is not json".getBytes(StandardCharsets.UTF_8));
        rawArticles.pipeInput("p5", new byte[] {'{', '"', 'b', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        articles.pipeInput("a1", VN_KZ);
        settle();
        assertThat(counts.get(Topics.PAIR_COUNTS)).containsOnly(entry("KZ-VN", 1L));
        assertThat(factsTable).containsOnlyKeys("a1");
    }

    @Test
    void theTopologyKeepsItsNames() {
        EntenteConfig config = EntenteConfig.of(Map.of());
        String description = EntenteTopology.build(config, Extractor.standard()).describe().toString();
        assertThat(description).isEqualTo(String.join("\n",
                "Topologies:",
                "   Sub-topology: 0",
                "    Source: articles-source (topics: [articles])",
                "      --> extract-facts",
                "    Processor: extract-facts (stores: [article-facts-store])",
                "      --> to-count-deltas, facts-of-change",
                "      <-- articles-source",
                "    Processor: to-count-deltas (stores: [])",
                "      --> count-deltas-repartition-filter",
                "      <-- extract-facts",
                "    Processor: count-deltas-repartition-filter (stores: [])",
                "      --> count-deltas-repartition-sink",
                "      <-- to-count-deltas",
                "    Processor: facts-of-change (stores: [])",
                "      --> article-facts-sink",
                "      <-- extract-facts",
                "    Sink: article-facts-sink (topic: article-facts)",
                "      <-- facts-of-change",
                "    Sink: count-deltas-repartition-sink (topic: count-deltas-repartition)",
                "      <-- count-deltas-repartition-filter",
                "",
                "  Sub-topology: 1",
                "    Source: count-deltas-repartition-source (topics: [count-deltas-repartition])",
                "      --> count",
                "    Processor: count (stores: [domain-stats-store, pair-stats-store])",
                "      --> count-update-",
                "      <-- count-deltas-repartition-source",
                "    Processor: count-update- (stores: [])",
                "      --> count-update-domain-counts, count-update-pair-counts, count-update-pair-domain-counts, count-update-pair-month-counts",
                "      <-- count",
                "    Processor: count-update-domain-counts (stores: [])",
                "      --> domain-counts-value",
                "      <-- count-update-",
                "    Processor: count-update-pair-counts (stores: [])",
                "      --> pair-counts-value",
                "      <-- count-update-",
                "    Processor: count-update-pair-domain-counts (stores: [])",
                "      --> pair-domain-counts-value",
                "      <-- count-update-",
                "    Processor: count-update-pair-month-counts (stores: [])",
                "      --> pair-month-counts-value",
                "      <-- count-update-",
                "    Processor: domain-counts-value (stores: [])",
                "      --> domain-counts-sink",
                "      <-- count-update-domain-counts",
                "    Processor: pair-counts-value (stores: [])",
                "      --> pair-counts-sink",
                "      <-- count-update-pair-counts",
                "    Processor: pair-domain-counts-value (stores: [])",
                "      --> pair-domain-counts-sink",
                "      <-- count-update-pair-domain-counts",
                "    Processor: pair-month-counts-value (stores: [])",
                "      --> pair-month-counts-sink",
                "      <-- count-update-pair-month-counts",
                "    Sink: domain-counts-sink (topic: domain-counts)",
                "      <-- domain-counts-value",
                "    Sink: pair-counts-sink (topic: pair-counts)",
                "      <-- pair-counts-value",
                "    Sink: pair-domain-counts-sink (topic: pair-domain-counts)",
                "      <-- pair-domain-counts-value",
                "    Sink: pair-month-counts-sink (topic: pair-month-counts)",
                "      <-- pair-month-counts-value",
                "",
                ""));
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
