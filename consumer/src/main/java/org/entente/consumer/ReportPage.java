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
    private static final String[] PAGE = page();
    /** Articles listed as giving no pair: the most recent ones. */
    private static final int ATTENTION = 200;
    private static final Map<String, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private ReportPage() {
    }

    static String render(ViewTables tables, ViewSettings settings) {
        return render(data(tables, settings.heatmapPairs(), settings.articlesPerCell()));
    }

    /**
     * What the page shows, taken from the tables: the counts already as JSON, the articles as the
     * (immutable) facts they are, to be turned into JSON with their evidence by {@link #render}.
     */
    record Data(ObjectNode root, Map<String, List<ArticleFacts>> behind, List<ArticleFacts> attention) {
    }

    /**
     * The page of data already taken from the tables: needs nothing else, so any thread may run it
     * (once per {@link Data}: it completes the data's JSON).
     */
    static String render(Data data) {
        ObjectNode root = data.root();
        Map<String, Integer> index = new HashMap<>();
        ArrayNode articles = root.putArray("articles");
        ObjectNode cellArticles = root.putObject("cellArticles");
        data.behind().forEach((cell, list) -> {
            ArrayNode ids = cellArticles.putArray(cell);
            list.forEach(f -> ids.add(indexOf(f, index, articles)));
        });
        ArrayNode attentionIds = root.putArray("attention");
        data.attention().forEach(f -> attentionIds.add(indexOf(f, index, articles)));
        String json = root.toString().replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return PAGE[0] + json + PAGE[1];
    }

    private static String[] page() {
        String page = resource("/org/entente/consumer/report.html")
                .replace("/*ECHARTS*/", echarts().replace("</script", "<\\/script"));
        int at = page.indexOf("\"__DATA__\"");
        if (at < 0 || page.indexOf("\"__DATA__\"", at + 1) >= 0) {
            throw new IllegalStateException("the report template must hold its data marker once");
        }
        return new String[] {page.substring(0, at), page.substring(at + "\"__DATA__\"".length())};
    }

    static Data data(ViewTables tables, int heatmapPairs, int articlesPerCell) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("generated", Instant.now().toString());
        List<CountValue> pairs = tables.sorted(Topics.PAIR_COUNTS);
        List<CountValue> domains = tables.sorted(Topics.DOMAIN_COUNTS);
        long counted = tables.countedArticles();
        ObjectNode totals = root.putObject("totals");
        totals.put("articles", tables.articles.size());
        totals.put("counted", counted);
        totals.put("pairs", pairs.size());
        totals.put("domains", domains.size());
        totals.put("consistent", tables.consistent());

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
        codes.addAll(tables.countries());
        for (String code : codes) {
            names.put(code, NAMES.computeIfAbsent(code, c -> new Locale("", c).getDisplayCountry(Locale.ENGLISH)));
        }

        List<String> heatPairs = new ArrayList<>();
        for (int i = 0; i < Math.min(heatmapPairs, pairs.size()); i++) {
            heatPairs.add(pairs.get(i).pair());
        }
        root.put("heatmapLimited", pairs.size() > heatPairs.size());
        ArrayNode hp = root.putArray("heatPairs");
        heatPairs.forEach(hp::add);
        ArrayNode hd = root.putArray("heatDomains");
        domains.forEach(d -> hd.add(d.domain()));
        ArrayNode cells = root.putArray("cells");
        // per shown cell, how many articles its list can hold: the walk below stops once all are full
        Map<String, Long> cellWanted = new HashMap<>();
        Map<String, CountValue> pairDomain = tables.counts.get(Topics.PAIR_DOMAIN_COUNTS);
        for (int y = 0; y < heatPairs.size(); y++) {
            for (int x = 0; x < domains.size(); x++) {
                String cell = CountKeys.pairDomain(heatPairs.get(y), domains.get(x).domain());
                CountValue c = pairDomain.get(cell);
                if (c != null) {
                    cells.addArray().add(x).add(y).add(c.articles());
                    cellWanted.put(cell, Math.min(articlesPerCell, c.articles()));
                }
            }
        }
        Set<String> heatSet = new LinkedHashSet<>(heatPairs);
        ObjectNode months = root.putObject("months");
        Map<String, List<CountValue>> byPair = new HashMap<>();
        for (CountValue m : tables.counts.get(Topics.PAIR_MONTH_COUNTS).values()) {
            if (heatSet.contains(m.pair())) {
                byPair.computeIfAbsent(m.pair(), k -> new ArrayList<>()).add(m);
            }
        }
        byPair.forEach((pair, list) -> {
            list.sort(Comparator.comparing(CountValue::month));
            ArrayNode series = months.putArray(pair);
            list.forEach(m -> series.addArray().add(m.month()).add(m.articles()));
        });

        // the articles behind each shown cell, most recent first, and the most recent ones that
        // gave no pair; the walk through the articles stops once every list is as full as it can be
        Map<String, List<ArticleFacts>> behind = new HashMap<>();
        List<ArticleFacts> attention = tables.newestPairless(ATTENTION);
        int cellsFull = 0;
        for (ArticleFacts f : tables.newestFirst(heatSet)) {
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
        return new Data(root, behind, attention);
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
