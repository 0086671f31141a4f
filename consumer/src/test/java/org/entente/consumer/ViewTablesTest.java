package org.entente.consumer;

import org.entente.common.ArticleFacts;
import org.entente.common.CountValue;
import org.entente.common.Evidence;
import org.entente.common.Json;
import org.entente.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewTablesTest {
    @TempDir
    Path dir;

    private static byte[] json(Object value) throws IOException {
        return Json.MAPPER.writeValueAsBytes(value);
    }

    private static ArticleFacts facts(String id, List<String> pairs, List<String> domains) {
        return new ArticleFacts(id, "v1", "2025-05", "Title " + id, "AFP", List.of("KZ", "VN"), pairs, domains,
                List.of(new Evidence("Vietnam", 0, 7, Evidence.COUNTRY, "VN")));
    }

    @Test
    void rendersCountsSortedByCountThenKeyAsJsonAndCsv() throws IOException {
        ViewTables t = new ViewTables();
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", json(new CountValue("KZ-VN", "trade", null, 1)));
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KG-VN|trade", json(new CountValue("KG-VN", "trade", null, 1)));
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "LA-VN|energy", json(new CountValue("LA-VN", "energy", null, 3)));
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KG-VN|trade", null);

        assertThat(new String(t.countsCsv(Topics.PAIR_DOMAIN_COUNTS), StandardCharsets.UTF_8))
                .isEqualTo("pair,domain,articles\nLA-VN,energy,3\nKZ-VN,trade,1\n");
        assertThat(Json.MAPPER.readTree(t.countsJson(Topics.PAIR_DOMAIN_COUNTS)).toString())
                .isEqualTo("[{\"pair\":\"LA-VN\",\"domain\":\"energy\",\"articles\":3},{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":1}]");
    }

    @Test
    void countsAreReadAsTheParserReadsThemWhetherWrittenAsTheStreamsAppWritesThemOrNot() throws IOException {
        // as the streams app writes them: read without the parser, to the same values
        Map<String, String> canonical = Map.of(
                Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", Topics.PAIR_COUNTS, "KZ-VN",
                Topics.DOMAIN_COUNTS, "trade", Topics.PAIR_MONTH_COUNTS, "KZ-VN|2025-05");
        for (Map.Entry<String, String> e : canonical.entrySet()) {
            CountValue value = org.entente.common.Contributions.valueFor(e.getKey(), e.getValue(), 123456789012345678L);
            byte[] bytes = json(value);
            assertThat(ViewTables.canonicalCount(e.getKey(), e.getValue(), bytes)).isEqualTo(value);
            ViewTables t = new ViewTables();
            t.apply(e.getKey(), e.getValue(), bytes);
            assertThat(t.counts.get(e.getKey()).get(e.getValue())).isEqualTo(value);
            // its line in the view is the record as it came
            assertThat(new String(t.countsJson(e.getKey()), StandardCharsets.UTF_8))
                    .isEqualTo("[\n" + new String(bytes, StandardCharsets.UTF_8) + "\n]\n");
        }
        assertThat(new String(json(org.entente.common.Contributions.valueFor(Topics.PAIR_MONTH_COUNTS, "KZ-VN|2025-05", 7)),
                StandardCharsets.UTF_8)).isEqualTo("{\"pair\":\"KZ-VN\",\"month\":\"2025-05\",\"articles\":7}");

        // anything else goes to the parser, which reads it as it is, even when it names another key
        Map<String, CountValue> other = new java.util.LinkedHashMap<>();
        other.put("{ \"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":1}", new CountValue("KZ-VN", "trade", null, 1));
        other.put("{\"domain\":\"trade\",\"pair\":\"KZ-VN\",\"articles\":2}", new CountValue("KZ-VN", "trade", null, 2));
        other.put("{\"pair\":\"KZ-V\\u004E\",\"domain\":\"trade\",\"articles\":3}", new CountValue("KZ-VN", "trade", null, 3));
        other.put("{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":4,\"note\":\"x\"}", new CountValue("KZ-VN", "trade", null, 4));
        other.put("{\"pair\":\"KG-VN\",\"domain\":\"trade\",\"articles\":5}", new CountValue("KG-VN", "trade", null, 5));
        other.put("{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":0}", new CountValue("KZ-VN", "trade", null, 0));
        other.put("{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":-6}", new CountValue("KZ-VN", "trade", null, -6));
        other.put("{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":1234567890123456789}",
                new CountValue("KZ-VN", "trade", null, 1234567890123456789L));
        other.put("{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":7}\n", new CountValue("KZ-VN", "trade", null, 7));
        for (Map.Entry<String, CountValue> e : other.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
            assertThat(ViewTables.canonicalCount(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", bytes)).as(e.getKey()).isNull();
            ViewTables t = new ViewTables();
            t.apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", bytes);
            assertThat(t.counts.get(Topics.PAIR_DOMAIN_COUNTS).get("KZ-VN|trade")).as(e.getKey()).isEqualTo(e.getValue());
        }
        // a value of two lines is written again as one in the view
        ViewTables twoLines = new ViewTables();
        twoLines.apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade",
                "{\"pair\":\"KZ-VN\",\n\"domain\":\"trade\",\"articles\":8}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(twoLines.countsJson(Topics.PAIR_DOMAIN_COUNTS), StandardCharsets.UTF_8))
                .isEqualTo("[\n{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":8}\n]\n");
        // a key that does not fit its topic, or needs escaping, is never read without the parser
        assertThat(ViewTables.canonicalCount(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN",
                "{\"pair\":\"KZ-VN\",\"articles\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ViewTables.canonicalCount(Topics.DOMAIN_COUNTS, "a\"b",
                "{\"domain\":\"a\"b\",\"articles\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
        // what does not parse is refused as before
        assertThatThrownBy(() -> new ViewTables().apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade",
                "{\"pair\":\"KZ-VN\",\"domain\":\"trade\",\"articles\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void keysOfOneCountAreInStringOrderWhateverTheirFirstCharsAndLengths() throws IOException {
        ViewTables t = new ViewTables();
        // the same first four chars, a key that is another's start, chars past Latin-1 and one
        // past the sign bit of a 16-bit unit, an empty-ended prefix: every comparison path
        List<String> domains = List.of("tradex", "trad", "trade", "tra\u0100", "\uFFFFz", "a", "tradf", "tr", "\u00e9nergie");
        for (String d : domains) {
            t.apply(Topics.DOMAIN_COUNTS, d, json(new CountValue(null, d, null, 2)));
        }
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 3)));
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 2)));
        assertThat(t.sorted(Topics.DOMAIN_COUNTS)).extracting(CountValue::domain)
                .containsExactly("a", "tr", "trad", "trade", "tradex", "tradf", "tra\u0100", "\u00e9nergie", "\uFFFFz");
    }

    @Test
    void keepsTheCountViewsInOrderAsCountsRiseFallAndVanish() throws IOException {
        ViewTables t = new ViewTables();
        t.apply(Topics.PAIR_COUNTS, "KZ-VN", json(new CountValue("KZ-VN", null, null, 2)));
        t.apply(Topics.PAIR_COUNTS, "KG-VN", json(new CountValue("KG-VN", null, null, 2)));
        t.apply(Topics.PAIR_COUNTS, "LA-VN", json(new CountValue("LA-VN", null, null, 5)));
        t.apply(Topics.PAIR_COUNTS, "CN-VN", json(new CountValue("CN-VN", null, null, 1)));
        // KZ-VN rises past LA-VN, LA-VN falls below KG-VN, CN-VN vanishes, a count comes back
        t.apply(Topics.PAIR_COUNTS, "KZ-VN", json(new CountValue("KZ-VN", null, null, 7)));
        t.apply(Topics.PAIR_COUNTS, "LA-VN", json(new CountValue("LA-VN", null, null, 1)));
        t.apply(Topics.PAIR_COUNTS, "CN-VN", null);
        t.apply(Topics.PAIR_COUNTS, "AU-VN", json(new CountValue("AU-VN", null, null, 1)));
        t.apply(Topics.PAIR_COUNTS, "AU-VN", null);
        t.apply(Topics.PAIR_COUNTS, "AU-VN", json(new CountValue("AU-VN", null, null, 2)));

        String csv = "pair,articles\nKZ-VN,7\nAU-VN,2\nKG-VN,2\nLA-VN,1\n";
        String json = """
                [
                {"pair":"KZ-VN","articles":7},
                {"pair":"AU-VN","articles":2},
                {"pair":"KG-VN","articles":2},
                {"pair":"LA-VN","articles":1}
                ]
                """;
        assertThat(new String(t.countsCsv(Topics.PAIR_COUNTS), StandardCharsets.UTF_8)).isEqualTo(csv);
        assertThat(new String(t.countsJson(Topics.PAIR_COUNTS), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(t.sorted(Topics.PAIR_COUNTS)).extracting(CountValue::pair).containsExactly("KZ-VN", "AU-VN", "KG-VN", "LA-VN");
        assertWrittenAsTheWriterDoes(t, Topics.PAIR_COUNTS, json, csv);
        t.clear();
        assertThat(new String(t.countsCsv(Topics.PAIR_COUNTS), StandardCharsets.UTF_8)).isEqualTo("pair,articles\n");
        assertWrittenAsTheWriterDoes(t, Topics.PAIR_COUNTS, "[\n]\n", "pair,articles\n");
    }

    /**
     * The count views are kept as runs of rows rendered once and copied on every write until they
     * change: after every record of a random run of counts rising, falling and vanishing, written
     * out at random moments (as flushes come), both files equal a full sort of the counts.
     */
    @Test
    void countViewsWrittenAtRandomMomentsEqualAFullSortOfTheCounts() throws IOException {
        java.util.Random random = new java.util.Random(11);
        List<String> pairs = List.of("AU-VN", "FR-KZ", "KG-VN", "KZ-VN", "LA-VN", "DE-FR");
        List<String> domains = List.of("energy", "trade", "transport");
        ViewTables t = new ViewTables();
        int writes = 0;
        for (int step = 0; step < 3000; step++) {
            String topic = Topics.COUNT_TOPICS.get(random.nextInt(Topics.COUNT_TOPICS.size()));
            String pair = pairs.get(random.nextInt(pairs.size()));
            String domain = domains.get(random.nextInt(domains.size()));
            String month = random.nextBoolean() ? "2025-05" : "2025-06";
            long articles = random.nextInt(5);
            CountValue c = switch (topic) {
                case Topics.PAIR_DOMAIN_COUNTS -> new CountValue(pair, domain, null, articles);
                case Topics.PAIR_COUNTS -> new CountValue(pair, null, null, articles);
                case Topics.DOMAIN_COUNTS -> new CountValue(null, domain, null, articles);
                default -> new CountValue(pair, null, month, articles);
            };
            t.apply(topic, ViewTables.keyOf(topic, c), articles == 0 ? null : json(c));
            if (random.nextInt(10) == 0) {
                writes++;
                for (String shown : Topics.COUNT_TOPICS) {
                    List<Map.Entry<String, CountValue>> rows = new ArrayList<>(t.counts.get(shown).entrySet());
                    rows.sort(Map.Entry.<String, CountValue>comparingByValue(java.util.Comparator
                            .comparingLong(CountValue::articles).reversed()).thenComparing(Map.Entry.comparingByKey()));
                    StringBuilder csv = new StringBuilder(ViewTables.header(shown)).append('\n');
                    List<String> lines = new ArrayList<>();
                    for (Map.Entry<String, CountValue> row : rows) {
                        CountValue v = row.getValue();
                        csv.append(switch (shown) {
                            case Topics.PAIR_DOMAIN_COUNTS -> v.pair() + "," + v.domain() + "," + v.articles();
                            case Topics.PAIR_COUNTS -> v.pair() + "," + v.articles();
                            case Topics.DOMAIN_COUNTS -> v.domain() + "," + v.articles();
                            default -> v.pair() + "," + v.month() + "," + v.articles();
                        }).append('\n');
                        lines.add(new String(json(v), StandardCharsets.UTF_8));
                    }
                    String json = lines.isEmpty() ? "[\n]\n" : "[\n" + String.join(",\n", lines) + "\n]\n";
                    assertWrittenAsTheWriterDoes(t, shown, json, csv.toString());
                }
            }
        }
        assertThat(writes).isEqualTo(286);
        assertThat(t.counts.get(Topics.PAIR_DOMAIN_COUNTS)).hasSize(13);
    }

    /** Through the writer's reused CSV buffer (reset from an earlier view), both files are these texts. */
    private static void assertWrittenAsTheWriterDoes(ViewTables t, String topic, String json, String csv) throws IOException {
        java.io.ByteArrayOutputStream jsonOut = new java.io.ByteArrayOutputStream();
        ViewWriter.Bytes csvBuffer = new ViewWriter.Bytes();
        csvBuffer.write("stale,row\n".getBytes(StandardCharsets.UTF_8));
        csvBuffer.reset();
        t.writeCounts(topic, jsonOut, csvBuffer);
        java.io.ByteArrayOutputStream csvOut = new java.io.ByteArrayOutputStream();
        csvBuffer.writeTo(csvOut);
        assertThat(new String(jsonOut.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(new String(csvOut.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(csv);
    }

    @Test
    void listsAnArticleAsItsRecordReadsUnlessThatIsNotOneLineForItsKey() throws IOException {
        ViewTables t = new ViewTables();
        byte[] own = ("{\"id\":\"a\",\"version\":\"v1\",\"date\":\"2025-05\",\"title\":\"T\",\"source\":\"AFP\","
                + "\"countries\":[\"KZ\",\"VN\"],\"pairs\":[\"KZ-VN\"],\"domains\":[\"trade\"],\"evidence\":[],"
                + "\"reviewed\":true}").getBytes(StandardCharsets.UTF_8);
        t.apply(Topics.ARTICLE_FACTS, "a", own);
        // pretty printed: its line is written anew, so the article file keeps one article a line
        t.apply(Topics.ARTICLE_FACTS, "b", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(dated("b", "v1", "2025-04")));
        List<String> lines = new String(t.articleFile(0), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly("[", new String(own, StandardCharsets.UTF_8) + ",",
                new String(json(dated("b", "v1", "2025-04")), StandardCharsets.UTF_8), "]");
    }

    private static ArticleFacts dated(String id, String version, String date) {
        return new ArticleFacts(id, version, date, "Title " + id, "AFP", List.of("KZ", "VN"), List.of("KZ-VN"),
                List.of("trade"), List.of());
    }

    @Test
    void listsArticlesInOrderOfArrivalAThousandAFileThroughCorrectionsAndRetractions() throws IOException {
        ViewTables t = new ViewTables();
        for (int i = 0; i < ViewTables.ARTICLES_PER_FILE; i++) {
            t.apply(Topics.ARTICLE_FACTS, "x" + i, json(dated("x" + i, "v1", "2024-01")));
        }
        t.apply(Topics.ARTICLE_FACTS, "b", json(dated("b", "v1", "2025-05")));
        t.apply(Topics.ARTICLE_FACTS, "a", json(dated("a", "v1", "2025-05")));
        t.apply(Topics.ARTICLE_FACTS, "c", json(dated("c", "v1", "2024-12")));
        assertThat(t.articleFileCount()).isEqualTo(2);
        assertThat(t.takeDirtyArticleFiles()).containsExactly(0, 1);
        assertThat(t.takeDirtyArticleFiles()).isEmpty();
        // a correction keeps its place (and month order is the page's business), a retraction
        // leaves a gap that a new article does not fill; an article sent again after its
        // retraction is new
        t.apply(Topics.ARTICLE_FACTS, "b", json(dated("b", "v2", "2023-01")));
        t.apply(Topics.ARTICLE_FACTS, "a", null);
        t.apply(Topics.ARTICLE_FACTS, "d", json(dated("d", "v1", null)));
        t.apply(Topics.ARTICLE_FACTS, "x7", null);
        t.apply(Topics.ARTICLE_FACTS, "x7", json(dated("x7", "v2", "2024-01")));
        assertThat(t.takeDirtyArticleFiles()).containsExactly(0, 1);

        String file = new String(t.articleFile(1), StandardCharsets.UTF_8);
        List<ArticleFacts> listed = Json.MAPPER.readValue(file, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        assertThat(listed).containsExactly(dated("b", "v2", "2023-01"), dated("c", "v1", "2024-12"),
                dated("d", "v1", null), dated("x7", "v2", "2024-01"));
        assertThat(file.lines().toList()).hasSize(6).first().isEqualTo("[");
        assertThat(file.lines().toList().get(1)).startsWith("{\"id\":\"b\",\"version\":\"v2\"").endsWith("},");
        assertThat(Json.MAPPER.readTree(t.articleFile(0)).size()).isEqualTo(ViewTables.ARTICLES_PER_FILE - 1);
        assertThat(ViewTables.newestFirst(t.articlesByDate(Set.of("KZ-VN")))).extracting(ArticleFacts::id).startsWith("c", "x0", "x1").endsWith("b", "d")
                .hasSize(ViewTables.ARTICLES_PER_FILE + 3);
        assertThat(ViewTables.newestFirst(t.articlesByDate(Set.of("KG-VN")))).isEmpty();

        // every article of a file retracted: the file stays, as an empty array
        for (int i = 0; i < ViewTables.ARTICLES_PER_FILE; i++) {
            t.apply(Topics.ARTICLE_FACTS, "x" + i, null);
        }
        assertThat(new String(t.articleFile(0), StandardCharsets.UTF_8)).isEqualTo("[\n]\n");
        t.clear();
        assertThat(t.articleFileCount()).isZero();
        assertThat(t.takeDirtyArticleFiles()).isEmpty();
    }

    @Test
    void quotesCsvCellsAndDefusesFormulas() {
        assertThat(ViewTables.csvCell("plain")).isEqualTo("plain");
        assertThat(ViewTables.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ViewTables.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ViewTables.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ViewTables.csvCell("-3")).isEqualTo("-3");
    }

    @Test
    void checksThatTheCountsAddUpToTheFacts() throws IOException {
        ViewTables t = new ViewTables();
        t.apply(Topics.ARTICLE_FACTS, "a1", json(facts("a1", List.of("KZ-VN"), List.of("trade"))));
        assertThat(t.consistent()).isFalse();
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", json(new CountValue("KZ-VN", "trade", null, 1)));
        t.apply(Topics.PAIR_COUNTS, "KZ-VN", json(new CountValue("KZ-VN", null, null, 1)));
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 1)));
        t.apply(Topics.PAIR_MONTH_COUNTS, "KZ-VN|2025-05", json(new CountValue("KZ-VN", null, "2025-05", 1)));
        assertThat(t.consistent()).isTrue();
        t.apply(Topics.ARTICLE_FACTS, "a1", null);
        assertThat(t.consistent()).isFalse();
    }

    /**
     * The tallies kept in step with each record (unsettled keys, articles with a pair, countries)
     * equal a recount from scratch after every one of a random run of articles, corrections,
     * retractions and counts that arrive late, out of step or wrong.
     */
    @Test
    void runningTalliesEqualARecountAfterEveryRecord() throws IOException {
        java.util.Random random = new java.util.Random(7);
        List<String> codes = List.of("KZ", "VN", "FR", "DE");
        List<String> domains = List.of("trade", "energy");
        ViewTables t = new ViewTables();
        for (int step = 0; step < 600; step++) {
            if (random.nextInt(3) == 0) {
                String id = "a" + random.nextInt(12);
                if (random.nextInt(5) == 0) {
                    t.apply(Topics.ARTICLE_FACTS, id, null);
                } else {
                    List<String> countries = codes.subList(0, random.nextInt(4));
                    // three countries give three pairs: an article the page finds through two of them
                    List<String> pairs = countries.size() < 2 ? List.of() : countries.size() == 2 ? List.of("KZ-VN")
                            : List.of("FR-KZ", "FR-VN", "KZ-VN");
                    t.apply(Topics.ARTICLE_FACTS, id, json(new ArticleFacts(id, "v" + step, random.nextBoolean() ? "2025-05" : "2025-06",
                            "T", "AFP", countries, pairs, domains.subList(0, random.nextInt(3)), List.of())));
                }
            } else {
                String topic = Topics.COUNT_TOPICS.get(random.nextInt(Topics.COUNT_TOPICS.size()));
                // a key the facts may imply, with a count that may or may not be theirs
                String pair = random.nextBoolean() ? "KZ-VN" : "FR-KZ";
                String domain = domains.get(random.nextInt(2));
                String month = random.nextBoolean() ? "2025-05" : "2025-06";
                CountValue c = switch (topic) {
                    case Topics.PAIR_DOMAIN_COUNTS -> new CountValue(pair, domain, null, random.nextInt(4));
                    case Topics.PAIR_COUNTS -> new CountValue(pair, null, null, random.nextInt(4));
                    case Topics.DOMAIN_COUNTS -> new CountValue(null, domain, null, random.nextInt(4));
                    default -> new CountValue(pair, null, month, random.nextInt(4));
                };
                t.apply(topic, ViewTables.keyOf(topic, c), c.articles() == 0 ? null : json(c));
            }
            assertThat(t.unsettled()).as("step %d", step).isEqualTo(recountUnsettled(t));
            // the page's articles, kept by pair as they come: the same as sorting them all now
            List<ArticleFacts> newest = t.articles.values().stream().sorted(java.util.Comparator.comparing(ArticleFacts::date)
                    .reversed().thenComparing(ArticleFacts::id)).toList();
            assertThat(ViewTables.newestFirst(t.articlesByDate(Set.of("KZ-VN", "FR-KZ")))).as("step %d", step)
                    .containsExactlyElementsOf(newest.stream().filter(f -> !f.pairs().isEmpty()).toList());
            List<ArticleFacts> pairless = newest.stream().filter(f -> f.pairs().isEmpty()).toList();
            assertThat(t.newestPairless(3)).as("step %d", step).containsExactlyElementsOf(pairless.subList(0, Math.min(3, pairless.size())));
            // the state the writer's listeners read in place is the copy callers of state() get
            ViewState live = t.live(step);
            ViewState copy = t.snapshot(step);
            assertThat(live.articleVersions()).isEqualTo(copy.articleVersions()).hasSameSizeAs(t.articles);
            assertThat(live.counts()).isEqualTo(copy.counts());
            assertThat(live.unsettled()).isEqualTo(copy.unsettled());
            assertThat(live.consistent()).isEqualTo(copy.consistent()).isEqualTo(recountUnsettled(t).isEmpty());
            assertThat(t.consistent()).isEqualTo(recountUnsettled(t).isEmpty());
            assertThat(t.countedArticles()).isEqualTo(t.articles.values().stream().filter(f -> !f.pairs().isEmpty()).count());
            assertThat(t.countries()).isEqualTo(t.articles.values().stream().flatMap(f -> f.countries().stream())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    private static Map<String, Set<String>> recountUnsettled(ViewTables t) {
        Map<String, Map<String, Long>> expected = new java.util.HashMap<>();
        for (ArticleFacts f : t.articles.values()) {
            org.entente.common.Contributions c = org.entente.common.Contributions.of(f);
            for (String topic : Topics.COUNT_TOPICS) {
                for (String key : c.keysFor(topic)) {
                    expected.computeIfAbsent(topic, k -> new java.util.HashMap<>()).merge(key, 1L, Long::sum);
                }
            }
        }
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (String topic : Topics.COUNT_TOPICS) {
            Map<String, Long> want = expected.getOrDefault(topic, Map.of());
            Set<String> keys = new java.util.HashSet<>();
            t.counts.get(topic).forEach((key, value) -> {
                if (!Long.valueOf(value.articles()).equals(want.get(key))) {
                    keys.add(key);
                }
            });
            want.keySet().stream().filter(key -> !t.counts.get(topic).containsKey(key)).forEach(keys::add);
            if (!keys.isEmpty()) {
                out.put(topic, keys);
            }
        }
        return out;
    }

    private static byte[] through(String header) {
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    /** Article a1 (KZ-VN, trade, 2025-05), read at articles partition 0 offset 5, with every count it implies. */
    private static void oneSettledArticle(ViewTables t) throws IOException {
        t.apply(Topics.ARTICLE_FACTS, "a1", json(facts("a1", List.of("KZ-VN"), List.of("trade"))));
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", json(new CountValue("KZ-VN", "trade", null, 1)), through("0:5"));
        t.apply(Topics.PAIR_COUNTS, "KZ-VN", json(new CountValue("KZ-VN", null, null, 1)), through("0:5"));
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 1)), through("0:5"));
        t.apply(Topics.PAIR_MONTH_COUNTS, "KZ-VN|2025-05", json(new CountValue("KZ-VN", null, "2025-05", 1)), through("0:5"));
    }

    @Test
    void anArticleIsIncludedOnceEachOfItsCountsReachesPastItWhileOthersAreStillInFlight() throws IOException {
        ViewTables t = new ViewTables();
        oneSettledArticle(t);
        // a2 (partition 1, offset 3) shares the domain total 'trade' with a1; its counts have not arrived
        t.apply(Topics.ARTICLE_FACTS, "a2", json(new ArticleFacts("a2", "v1", "2025-06", "T", "AFP", List.of("KG", "VN"),
                List.of("KG-VN"), List.of("trade"), List.of())));
        Map<String, Set<String>> a1Keys = Map.of(Topics.PAIR_DOMAIN_COUNTS, Set.of("KZ-VN|trade"),
                Topics.PAIR_COUNTS, Set.of("KZ-VN"), Topics.DOMAIN_COUNTS, Set.of("trade"),
                Topics.PAIR_MONTH_COUNTS, Set.of("KZ-VN|2025-05"));
        Map<String, Set<String>> a2Keys = Map.of(Topics.PAIR_DOMAIN_COUNTS, Set.of("KG-VN|trade"),
                Topics.PAIR_COUNTS, Set.of("KG-VN"), Topics.DOMAIN_COUNTS, Set.of("trade"),
                Topics.PAIR_MONTH_COUNTS, Set.of("KG-VN|2025-06"));

        ViewState state = t.snapshot(1);
        assertThat(state.consistent()).isFalse();
        assertThat(state.unsettled()).isEqualTo(Map.of(Topics.PAIR_DOMAIN_COUNTS, Set.of("KG-VN|trade"),
                Topics.PAIR_COUNTS, Set.of("KG-VN"), Topics.DOMAIN_COUNTS, Set.of("trade"),
                Topics.PAIR_MONTH_COUNTS, Set.of("KG-VN|2025-06")));
        // 'trade' is unsettled (a2 is listed, not yet counted), yet it reaches past a1
        assertThat(state.includes("a1", "v1", 0, 5, a1Keys)).isTrue();
        assertThat(state.includes("a1", "v1", 0, 6, a1Keys)).as("a later offset").isFalse();
        assertThat(state.includes("a1", "v1", 1, 5, a1Keys)).as("another partition").isFalse();
        assertThat(state.includes("a1", "v2", 0, 5, a1Keys)).as("another version").isFalse();
        assertThat(state.includes("a2", "v1", 1, 3, a2Keys)).isFalse();

        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KG-VN|trade", json(new CountValue("KG-VN", "trade", null, 1)), through("1:3"));
        t.apply(Topics.PAIR_COUNTS, "KG-VN", json(new CountValue("KG-VN", null, null, 1)), through("1:3"));
        t.apply(Topics.PAIR_MONTH_COUNTS, "KG-VN|2025-06", json(new CountValue("KG-VN", null, "2025-06", 1)), through("1:3"));
        assertThat(t.snapshot(2).includes("a2", "v1", 1, 3, a2Keys)).as("the domain total has not reached it").isFalse();
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 2)), through("0:5,1:3"));
        state = t.snapshot(3);
        assertThat(state.unsettled()).isEmpty();
        assertThat(state.consistent()).isTrue();
        assertThat(state.includes("a2", "v1", 1, 3, a2Keys)).isTrue();
        assertThat(state.includes("a1", "v1", 0, 5, a1Keys)).isTrue();
        // a count without the header promises nothing
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 2)));
        assertThat(t.snapshot(4).includes("a1", "v1", 0, 5, a1Keys)).isFalse();
    }

    @Test
    void anUnreadableValueIsRefusedWithoutChangingTheTable() throws IOException {
        ViewTables t = new ViewTables();
        t.apply(Topics.PAIR_COUNTS, "KZ-VN", json(new CountValue("KZ-VN", null, null, 2)));
        assertThatThrownBy(() -> t.apply(Topics.PAIR_COUNTS, "KZ-VN", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(t.counts.get(Topics.PAIR_COUNTS).get("KZ-VN").articles()).isEqualTo(2);
    }

    @Test
    void hostileKeysNeverBecomePaths() throws IOException {
        ViewTables t = new ViewTables();
        String hostile = "../../etc/passwd|/tmp/x";
        t.apply(Topics.PAIR_DOMAIN_COUNTS, hostile, json(new CountValue("../../etc/passwd", "/tmp/x", null, 1)));
        write(dir, ViewTables.jsonName(Topics.PAIR_DOMAIN_COUNTS), t.countsJson(Topics.PAIR_DOMAIN_COUNTS));
        write(dir, ViewTables.csvName(Topics.PAIR_DOMAIN_COUNTS), t.countsCsv(Topics.PAIR_DOMAIN_COUNTS));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("pair-domain-counts.json", "pair-domain-counts.csv");
        }
        assertThat(Files.exists(dir.resolve("../../etc/passwd|"))).isFalse();
        assertThatThrownBy(() -> write(dir, "../escape.json", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewFilesGetTheUsualPermissionsNotThoseOfAPrivateTemporaryFile() throws IOException {
        // a file made the ordinary way under the same umask: what a reader of the directory expects
        Path reference = Files.writeString(dir.resolve("reference.txt"), "x");
        write(dir, "x.json", "[1]".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getPosixFilePermissions(dir.resolve("x.json")))
                .isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void anAtomicWriteReplacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        write(dir, "x.json", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        write(dir, "x.json", "[4]".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(dir.resolve("x.json"))).isEqualTo("[4]");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    /** A flush's files: all replaced (their fsyncs run together), or, if one cannot be written, none. */
    @Test
    void aBatchReplacesAllItsFilesOrNone() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("articles"));
        write(dir, "x.json", "[1]".getBytes(StandardCharsets.UTF_8));
        write(sub, "00000.json", "[]".getBytes(StandardCharsets.UTF_8));
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.add(dir, "x.json", out -> out.write("[2]".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> batch.add(sub, "00000.json", out -> {
                out.write("[half".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            })).hasMessage("disk full");
        }
        assertThat(Files.readString(dir.resolve("x.json"))).isEqualTo("[1]");
        assertThat(Files.readString(sub.resolve("00000.json"))).isEqualTo("[]");
        assertThat(AtomicFiles.removeLeftovers(dir) + AtomicFiles.removeLeftovers(sub)).isZero();

        java.util.concurrent.ExecutorService syncs = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.add(dir, "x.json", out -> out.write("[2]".getBytes(StandardCharsets.UTF_8)));
            batch.add(dir, "y.csv", out -> out.write("a\n".getBytes(StandardCharsets.UTF_8)));
            batch.add(sub, "00000.json", out -> out.write("[3]".getBytes(StandardCharsets.UTF_8)));
            // written, not yet in place
            assertThat(Files.readString(dir.resolve("x.json"))).isEqualTo("[1]");
            assertThat(dir.resolve("y.csv")).doesNotExist();
            batch.commit(syncs);
        } finally {
            syncs.shutdown();
        }
        assertThat(Files.readString(dir.resolve("x.json"))).isEqualTo("[2]");
        assertThat(Files.readString(dir.resolve("y.csv"))).isEqualTo("a\n");
        assertThat(Files.readString(sub.resolve("00000.json"))).isEqualTo("[3]");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("articles", "x.json", "y.csv");
        }
        try (Stream<Path> files = Files.list(sub)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void theFileAddedLastIsPutInPlaceOnlyAfterAllTheOthers() throws IOException {
        write(dir, "manifest.json", "{\"flushes\": 1}".getBytes(StandardCharsets.UTF_8));
        // a target that cannot be replaced (a directory that is not empty): its rename fails
        Files.createDirectories(dir.resolve("y.csv").resolve("inside"));
        java.util.concurrent.ExecutorService syncs = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.add(dir, "x.json", out -> out.write("[2]".getBytes(StandardCharsets.UTF_8)));
            batch.add(dir, "y.csv", out -> out.write("a\n".getBytes(StandardCharsets.UTF_8)));
            batch.addLast(dir, "manifest.json", out -> out.write("{\"flushes\": 2}".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> batch.add(dir, "z.json", out -> out.write('1')))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("manifest.json");
            assertThatThrownBy(() -> batch.commit(syncs)).isInstanceOf(IOException.class);
        }
        // the manifest still says what it said: the files it would vouch for are not all in place
        assertThat(Files.readString(dir.resolve("manifest.json"))).isEqualTo("{\"flushes\": 1}");
        assertThat(Files.readString(dir.resolve("x.json"))).isEqualTo("[2]");

        Files.delete(dir.resolve("y.csv").resolve("inside"));
        Files.delete(dir.resolve("y.csv"));
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.add(dir, "y.csv", out -> out.write("b\n".getBytes(StandardCharsets.UTF_8)));
            batch.addLast(dir, "manifest.json", out -> out.write("{\"flushes\": 3}".getBytes(StandardCharsets.UTF_8)));
            batch.commit(syncs);
        } finally {
            syncs.shutdown();
        }
        assertThat(Files.readString(dir.resolve("y.csv"))).isEqualTo("b\n");
        assertThat(Files.readString(dir.resolve("manifest.json"))).isEqualTo("{\"flushes\": 3}");
        assertThat(AtomicFiles.removeLeftovers(dir)).isZero();
    }

    @Test
    void aFileWrittenInPiecesOfEverySizeHoldsExactlyThePieces() throws IOException {
        java.util.Random random = new java.util.Random(3);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        List<byte[]> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // single bytes, lines, and pieces larger than the 1 MiB buffer
            int size = i % 50 == 0 ? (1 << 20) + random.nextInt(1 << 20) : random.nextInt(i % 3 == 0 ? 2 : 5000);
            byte[] piece = new byte[size];
            random.nextBytes(piece);
            pieces.add(piece);
            expected.writeBytes(piece);
        }
        AtomicFiles.write(dir, "pieces.bin", out -> {
            for (byte[] piece : pieces) {
                if (piece.length == 1) {
                    out.write(piece[0]);
                } else {
                    out.write(piece);
                }
            }
        });
        assertThat(Files.readAllBytes(dir.resolve("pieces.bin"))).isEqualTo(expected.toByteArray());
    }

    @Test
    void theCsvBufferGrowsAndStartsAfreshOnReset() throws IOException {
        ViewWriter.Bytes bytes = new ViewWriter.Bytes();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int round = 0; round < 2; round++) {
            bytes.reset();
            expected.reset();
            for (int i = 0; i < 30_000; i++) {
                byte[] line = ("row " + i + ",").getBytes(StandardCharsets.UTF_8);
                bytes.write(line);
                bytes.write('\n');
                expected.write(line);
                expected.write('\n');
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            bytes.writeTo(out);
            assertThat(out.size()).isEqualTo(318_890);
            assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void theLeftoversOfAFlushCutShortAreRemovedAndNothingElse() throws IOException {
        write(dir, "x.json", "[4]".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(".x.json.123.tmp"), "[4, 5");
        Files.writeString(dir.resolve(".keep"), "not ours");
        Files.createDirectory(dir.resolve(".dir.tmp"));
        assertThat(AtomicFiles.removeLeftovers(dir)).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("x.json", ".keep", ".dir.tmp");
        }
    }

    @Test
    void loadsBackWhatItWrote() throws IOException {
        ViewTables t = new ViewTables();
        oneSettledArticle(t);
        Files.createDirectory(dir.resolve(ViewTables.ARTICLES_DIR));
        write(dir.resolve(ViewTables.ARTICLES_DIR), ViewTables.articleFileName(0), t.articleFile(0));
        for (String topic : Topics.COUNT_TOPICS) {
            write(dir, ViewTables.jsonName(topic), t.countsJson(topic));
        }
        ViewTables back = new ViewTables();
        back.load(dir);
        assertThat(back.articles).isEqualTo(t.articles);
        assertThat(back.counts).isEqualTo(t.counts);
        assertThat(back.consistent()).isTrue();
        assertThat(back.anyDirty()).isFalse();
        assertThat(back.articleFile(0)).isEqualTo(t.articleFile(0));
    }

    @Test
    void anArticleFoundInTwoFilesStaysInTheLaterOneAndTheEarlierIsRewritten() throws IOException {
        Path articles = Files.createDirectory(dir.resolve(ViewTables.ARTICLES_DIR));
        write(articles, "00000.json", ("[\n" + new String(json(dated("a", "v1", "2025-05")), StandardCharsets.UTF_8)
                + ",\n" + new String(json(dated("b", "v1", "2025-05")), StandardCharsets.UTF_8) + "\n]\n").getBytes(StandardCharsets.UTF_8));
        write(articles, "00002.json", ("[" + new String(json(dated("a", "v2", "2025-06")), StandardCharsets.UTF_8)
                + "]").getBytes(StandardCharsets.UTF_8));
        for (String topic : Topics.COUNT_TOPICS) {
            write(dir, ViewTables.jsonName(topic), "[]".getBytes(StandardCharsets.UTF_8));
        }
        ViewTables back = new ViewTables();
        back.load(dir);
        assertThat(back.articles.get("a")).isEqualTo(dated("a", "v2", "2025-06"));
        assertThat(back.articleFileCount()).isEqualTo(3);
        assertThat(back.takeDirty()).containsExactly(ViewTables.View.ARTICLES);
        assertThat(back.takeDirtyArticleFiles()).containsExactly(0);
        assertThat(Json.MAPPER.readTree(back.articleFile(0)).findValuesAsText("id")).containsExactly("b");
        assertThat(Json.MAPPER.readTree(back.articleFile(1)).size()).isZero();
        assertThat(Json.MAPPER.readTree(back.articleFile(2)).findValuesAsText("id")).containsExactly("a");
    }

    /** A file of these bytes, replaced as the writer replaces its files. */
    private static void write(Path dir, String name, byte[] content) throws IOException {
        AtomicFiles.write(dir, name, out -> out.write(content));
    }
}
