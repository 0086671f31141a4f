package org.entente.consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entente.common.ArticleFacts;
import org.entente.common.CountKeys;
import org.entente.common.CountValue;
import org.entente.common.Evidence;
import org.entente.common.Json;
import org.entente.common.Topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The analyst's page: one self-contained {@code index.html} (data and Apache ECharts inlined),
 * readable offline from the views directory. It stays bounded for large corpora: the heatmap
 * shows the top pairs and each cell lists its most recent articles; the JSON views stay complete.
 */
final class ReportPage {
    /** The page around its data, ECharts inlined once: a render only writes the data between. */
    private static final byte[][] PAGE = page();
    /** Articles listed as giving no pair: the most recent ones. */
    private static final int ATTENTION = 200;
    private static final Map<String, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private ReportPage() {
    }

    static String render(ViewTables tables, ViewSettings settings) {
        return render(data(tables, settings.heatmapPairs(), settings.articlesPerCell()));
    }

    /**
     * What the page shows, copied from the tables on the writer's thread: references to counts and
     * facts (immutable), so the copy costs little and everything else (ordering, choosing the
     * articles of each cell, the JSON) happens on the page's thread while the writer goes on.
     *
     * @param cells        the count of every shown pair x domain cell, by cell key
     * @param months       per shown pair, its month counts
     * @param byDate       the articles naming a shown pair, by date (newest first), unordered
     *                     within a date; an article naming two shown pairs is there twice
     * @param heatPairs    the shown pairs, most articles first
     */
    record Data(Instant generated, int articles, long counted, boolean consistent, List<CountValue> pairs,
                List<CountValue> domains, List<String> countries, Map<String, CountValue> cells,
                Map<String, List<CountValue>> months, java.util.SortedMap<String, List<ArticleFacts>> byDate,
                List<ArticleFacts> attention, List<String> heatPairs, int articlesPerCell) {
    }

    /**
     * The page of data already taken from the tables: needs nothing else, so any thread may run it
     * (once per {@link Data}: it completes the data's JSON).
     */
    static String render(Data data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The same, streamed into the file: the data (megabytes on a large corpus) is never held as a
     * string, nor copied to escape it.
     */
    static void write(Data data, java.io.OutputStream out) throws IOException {
        ObjectNode root = json(data);
        out.write(PAGE[0]);
        DATA_WRITER.writeValue(out, root);
        out.write(PAGE[1]);
    }

    /** The data's JSON, safe inside the page's script element. */
    private static final com.fasterxml.jackson.databind.ObjectWriter DATA_WRITER = Json.MAPPER.writer()
            .with(new ScriptSafe()).without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * Escapes that keep a text of the data from ending the script element it is in ("</script>"
     * or "<!--" in a title) and from ending a line of it in older JavaScript (U+2028, U+2029).
     */
    private static final class ScriptSafe extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ScriptSafe() {
            ascii['<'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new com.fasterxml.jackson.core.io.SerializedString("\\u003c");
                case 0x2028 -> new com.fasterxml.jackson.core.io.SerializedString("\\u2028");
                case 0x2029 -> new com.fasterxml.jackson.core.io.SerializedString("\\u2029");
                default -> null;
            };
        }
    }

    private static byte[][] page() {
        String page = resource("/org/entente/consumer/report.html")
                .replace("/*ECHARTS*/", echarts().replace("</script", "<\\/script"));
        int at = page.indexOf("\"__DATA__\"");
        if (at < 0 || page.indexOf("\"__DATA__\"", at + 1) >= 0) {
            throw new IllegalStateException("the report template must hold its data marker once");
        }
        return new byte[][] {page.substring(0, at).getBytes(StandardCharsets.UTF_8),
                page.substring(at + "\"__DATA__\"".length()).getBytes(StandardCharsets.UTF_8)};
    }

    /** Copies what the page shows from the tables: on the writer's thread, which owns them. */
    static Data data(ViewTables tables, int heatmapPairs, int articlesPerCell) {
        List<CountValue> pairs = tables.sorted(Topics.PAIR_COUNTS);
        List<CountValue> domains = tables.sorted(Topics.DOMAIN_COUNTS);
        Set<String> heat = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(heatmapPairs, pairs.size()); i++) {
            heat.add(pairs.get(i).pair());
        }
        Map<String, CountValue> pairDomain = tables.counts.get(Topics.PAIR_DOMAIN_COUNTS);
        Map<String, CountValue> cells = new HashMap<>();
        for (String pair : heat) {
            for (CountValue d : domains) {
                String cell = CountKeys.pairDomain(pair, d.domain());
                CountValue c = pairDomain.get(cell);
                if (c != null) {
                    cells.put(cell, c);
                }
            }
        }
        Map<String, List<CountValue>> months = new HashMap<>();
        for (CountValue m : tables.counts.get(Topics.PAIR_MONTH_COUNTS).values()) {
            if (heat.contains(m.pair())) {
                months.computeIfAbsent(m.pair(), k -> new ArrayList<>()).add(m);
            }
        }
        return new Data(Instant.now(), tables.articles.size(), tables.countedArticles(), tables.consistent(), pairs,
                domains, new ArrayList<>(tables.countries()), cells, months, tables.articlesByDate(heat),
                tables.newestPairless(ATTENTION), new ArrayList<>(heat), articlesPerCell);
    }

    /** The page's data as JSON: on the page's thread. */
    private static ObjectNode json(Data data) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("generated", data.generated().toString());
        List<CountValue> pairs = data.pairs();
        List<CountValue> domains = data.domains();
        ObjectNode totals = root.putObject("totals");
        totals.put("articles", data.articles());
        totals.put("counted", data.counted());
        totals.put("pairs", pairs.size());
        totals.put("domains", domains.size());
        totals.put("consistent", data.consistent());

        Set<String> codes = new LinkedHashSet<>();
        ArrayNode pairRows = root.putArray("pairs");
        for (CountValue p : pairs) {
            pairRows.addObject().put("pair", p.pair()).put("articles", p.articles());
            int dash = p.pair().indexOf('-');
            codes.add(p.pair().substring(0, dash));
            codes.add(p.pair().substring(dash + 1));
        }
        ArrayNode domainRows = root.putArray("domains");
        for (CountValue d : domains) {
            domainRows.addObject().put("domain", d.domain()).put("articles", d.articles());
        }
        ObjectNode names = root.putObject("countries");
        codes.addAll(data.countries());
        for (String code : codes) {
            names.put(code, NAMES.computeIfAbsent(code, c -> new Locale("", c).getDisplayCountry(Locale.ENGLISH)));
        }

        List<String> heatPairs = data.heatPairs();
        root.put("heatmapLimited", pairs.size() > heatPairs.size());
        ArrayNode hp = root.putArray("heatPairs");
        heatPairs.forEach(hp::add);
        ArrayNode hd = root.putArray("heatDomains");
        domains.forEach(d -> hd.add(d.domain()));
        ArrayNode cells = root.putArray("cells");
        // per shown cell, how many articles its list can hold: the walk below stops once all are full
        Map<String, Long> cellWanted = new HashMap<>();
        int articlesPerCell = data.articlesPerCell();
        for (int y = 0; y < heatPairs.size(); y++) {
            for (int x = 0; x < domains.size(); x++) {
                String cell = CountKeys.pairDomain(heatPairs.get(y), domains.get(x).domain());
                CountValue c = data.cells().get(cell);
                if (c != null) {
                    cells.addArray().add(x).add(y).add(c.articles());
                    cellWanted.put(cell, Math.min(articlesPerCell, c.articles()));
                }
            }
        }
        Set<String> heatSet = new LinkedHashSet<>(heatPairs);
        ObjectNode months = root.putObject("months");
        data.months().forEach((pair, list) -> {
            List<CountValue> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(CountValue::month));
            ArrayNode series = months.putArray(pair);
            sorted.forEach(m -> series.addArray().add(m.month()).add(m.articles()));
        });

        // the articles behind each shown cell, most recent first, and the most recent ones that
        // gave no pair; the walk through the articles stops once every list is as full as it can be
        Map<String, List<ArticleFacts>> behind = new HashMap<>();
        int cellsFull = 0;
        for (ArticleFacts f : ViewTables.newestFirst(data.byDate())) {
            if (cellsFull == cellWanted.size()) {
                break;
            }
            for (String pair : f.pairs()) {
                if (!heatSet.contains(pair)) {
                    continue;
                }
                for (String domain : f.domains()) {
                    String cell = CountKeys.pairDomain(pair, domain);
                    List<ArticleFacts> list = behind.computeIfAbsent(cell, k -> new ArrayList<>());
                    if (list.size() < articlesPerCell) {
                        list.add(f);
                        if (list.size() == cellWanted.getOrDefault(cell, -1L)) {
                            cellsFull++;
                        }
                    }
                }
            }
        }
        root.put("perCell", articlesPerCell);

        Map<String, Integer> index = new HashMap<>();
        ArrayNode articles = root.putArray("articles");
        ObjectNode cellArticles = root.putObject("cellArticles");
        behind.forEach((cell, list) -> {
            ArrayNode ids = cellArticles.putArray(cell);
            list.forEach(f -> ids.add(indexOf(f, index, articles)));
        });
        ArrayNode attentionIds = root.putArray("attention");
        data.attention().forEach(f -> attentionIds.add(indexOf(f, index, articles)));
        return root;
    }

    private static int indexOf(ArticleFacts f, Map<String, Integer> index, ArrayNode articles) {
        return index.computeIfAbsent(f.id(), id -> {
            ObjectNode a = articles.addObject();
            a.put("id", f.id()).put("title", f.title()).put("date", f.date()).put("source", f.source());
            ArrayNode countries = a.putArray("countries");
            f.countries().forEach(countries::add);
            ArrayNode evidence = a.putArray("evidence");
            Set<String> seen = new LinkedHashSet<>();
            for (Evidence e : f.evidence()) {
                String line = e.kind() + " " + e.code() + ": " + e.text();
                if (seen.add(line) && seen.size() <= 40) {
                    evidence.addObject().put("kind", e.kind()).put("code", e.code()).put("text", e.text());
                }
            }
            return articles.size() - 1;
        });
    }

    private static String resource(String path) {
        try (InputStream in = ReportPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String echarts() {
        Properties pom = new Properties();
        try (InputStream in = ReportPage.class.getResourceAsStream("/META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar is not on the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource("/META-INF/resources/webjars/echarts/" + pom.getProperty("version") + "/echarts.min.js");
    }
}
