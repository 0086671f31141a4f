package org.entente.consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.entente.common.ArticleFacts;
import org.entente.common.Contributions;
import org.entente.common.CountKeys;
import org.entente.common.CountValue;
import org.entente.common.Json;
import org.entente.common.Provenance;
import org.entente.common.Topics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The latest value of every key of the view topics, in memory, and the files that show them.
 * Plain Java: applying a record and rendering a file need no Kafka.
 */
final class ViewTables {
    static final String ARTICLES_FILE = "articles.json";

    /** The file each table is written to. */
    enum View {
        ARTICLES(Topics.ARTICLE_FACTS), PAIR_DOMAIN(Topics.PAIR_DOMAIN_COUNTS), PAIR(Topics.PAIR_COUNTS),
        DOMAIN(Topics.DOMAIN_COUNTS), PAIR_MONTH(Topics.PAIR_MONTH_COUNTS);

        final String topic;

        View(String topic) {
            this.topic = topic;
        }

        static View of(String topic) {
            for (View v : values()) {
                if (v.topic.equals(topic)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("not a view topic: " + topic);
        }
    }

    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();
    /**
     * articles.json is rewritten whole on every flush and grows with the corpus (about 1 KB per
     * article with its evidence): one article per line instead of pretty printing halves the time
     * spent writing it and keeps it readable with line tools.
     */
    private static final ObjectWriter ARTICLE_WRITER = Json.MAPPER.writer();

    /** Unordered: the files take their order from {@link #articleLines} and {@link #sorted}. */
    final Map<String, ArticleFacts> articles = new HashMap<>();
    /** The order of articles.json: newest month first, articles without a month last, then by id. */
    private static final Comparator<ArticleFacts> FILE_ORDER = Comparator.comparing(ArticleFacts::date,
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(ArticleFacts::id);
    /**
     * Each article as its line of articles.json, serialized once when it arrives and kept in file
     * order: a flush copies bytes instead of serializing and sorting every article again.
     */
    private final TreeMap<ArticleFacts, byte[]> articleLines = new TreeMap<>(FILE_ORDER);
    final Map<String, Map<String, CountValue>> counts = new HashMap<>();
    /** Per count topic and key, its {@link Provenance#THROUGH} offsets (arrays never changed once stored). */
    private final Map<String, Map<String, long[]>> through = new HashMap<>();
    /** What the article facts imply, kept in step with {@link #articles}. */
    final Map<String, Map<String, Long>> implied = new HashMap<>();
    private final Set<View> dirty = EnumSet.noneOf(View.class);
    /**
     * Per count topic, the keys whose shown count differs from what the facts imply, kept in step
     * with every change: a flush must not compare every count of a large corpus again.
     */
    private final Map<String, Set<String>> unsettledKeys = new HashMap<>();
    /** Articles with at least one pair, and per country the articles naming it, for the page. */
    private long counted;
    private final Map<String, Integer> countryArticles = new HashMap<>();

    ViewTables() {
        for (String topic : Topics.COUNT_TOPICS) {
            counts.put(topic, new HashMap<>());
            implied.put(topic, new HashMap<>());
            unsettledKeys.put(topic, new HashSet<>());
            through.put(topic, new HashMap<>());
        }
    }

    /** Applies one record; null value = tombstone. Throws IOException if the value does not parse. */
    void apply(String topic, String key, byte[] value) throws IOException {
        apply(topic, key, value, null);
    }

    /**
     * The same, with the record's {@link Provenance#THROUGH} header (null if none): how far into
     * the articles the count reaches.
     */
    void apply(String topic, String key, byte[] value, byte[] throughHeader) throws IOException {
        if (key == null) {
            throw new IOException("record without a key");
        }
        if (Topics.ARTICLE_FACTS.equals(topic)) {
            ArticleFacts facts = value == null ? null : Json.MAPPER.readValue(value, ArticleFacts.class);
            putArticle(key, facts);
        } else {
            CountValue count = value == null ? null : Json.MAPPER.readValue(value, CountValue.class);
            if (count == null) {
                counts.get(topic).remove(key);
                through.get(topic).remove(key);
            } else {
                counts.get(topic).put(key, count);
                through.get(topic).put(key, Provenance.parseThrough(throughHeader));
            }
            recheck(topic, key);
        }
        dirty.add(View.of(topic));
    }

    private void putArticle(String id, ArticleFacts facts) throws IOException {
        ArticleFacts before = facts == null ? articles.remove(id) : articles.put(id, facts);
        imply(Contributions.of(before), -1);
        imply(Contributions.of(facts), +1);
        if (before != null) {
            articleLines.remove(before);
        }
        if (facts != null) {
            articleLines.put(facts, ARTICLE_WRITER.writeValueAsBytes(facts));
        }
        tally(before, -1);
        tally(facts, +1);
    }

    private void tally(ArticleFacts facts, int sign) {
        if (facts == null) {
            return;
        }
        if (!facts.pairs().isEmpty()) {
            counted += sign;
        }
        for (String code : facts.countries()) {
            countryArticles.merge(code, sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Articles that gave at least one pair. */
    long countedArticles() {
        return counted;
    }

    /** Every country some listed article names. */
    Set<String> countries() {
        return countryArticles.keySet();
    }

    /** Every article in the order of articles.json: newest month first, then id. */
    Set<ArticleFacts> articlesNewestFirst() {
        return articleLines.keySet();
    }

    /** Forgets everything, as before the first record. */
    void clear() {
        articles.clear();
        articleLines.clear();
        counts.values().forEach(Map::clear);
        implied.values().forEach(Map::clear);
        unsettledKeys.values().forEach(Set::clear);
        through.values().forEach(Map::clear);
        counted = 0;
        countryArticles.clear();
    }

    private void imply(Contributions c, int sign) {
        for (String topic : Topics.COUNT_TOPICS) {
            Map<String, Long> table = implied.get(topic);
            for (String key : c.keysFor(topic)) {
                long v = table.getOrDefault(key, 0L) + sign;
                if (v == 0) {
                    table.remove(key);
                } else {
                    table.put(key, v);
                }
                recheck(topic, key);
            }
        }
    }

    /** Whether the shown count of one key equals what the facts imply, after a change to either. */
    private void recheck(String topic, String key) {
        CountValue shown = counts.get(topic).get(key);
        Long expected = implied.get(topic).get(key);
        boolean settled = shown == null ? expected == null : expected != null && expected == shown.articles();
        if (settled) {
            unsettledKeys.get(topic).remove(key);
        } else {
            unsettledKeys.get(topic).add(key);
        }
    }

    /** Every count view equals what the article facts imply. */
    boolean consistent() {
        for (Set<String> keys : unsettledKeys.values()) {
            if (!keys.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per count topic, the keys whose shown count differs from what the listed facts imply: the
     * counts still catching up with the facts (empty when {@link #consistent()}); a copy.
     */
    Map<String, Set<String>> unsettled() {
        Map<String, Set<String>> out = new HashMap<>();
        unsettledKeys.forEach((topic, keys) -> {
            if (!keys.isEmpty()) {
                out.put(topic, Set.copyOf(keys));
            }
        });
        return out;
    }

    boolean anyDirty() {
        return !dirty.isEmpty();
    }

    Set<View> takeDirty() {
        Set<View> out = EnumSet.copyOf(dirty.isEmpty() ? EnumSet.noneOf(View.class) : dirty);
        dirty.clear();
        return out;
    }

    void markAllDirty() {
        dirty.addAll(EnumSet.allOf(View.class));
    }

    // ---- files

    static String jsonName(String topic) {
        return topic + ".json";
    }

    static String csvName(String topic) {
        return topic + ".csv";
    }

    /** Counts sorted by count (largest first), then key. */
    List<CountValue> sorted(String topic) {
        List<Map.Entry<String, CountValue>> entries = new ArrayList<>(counts.get(topic).entrySet());
        entries.sort(Comparator.<Map.Entry<String, CountValue>>comparingLong(e -> -e.getValue().articles())
                .thenComparing(Map.Entry::getKey));
        List<CountValue> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.getValue()));
        return out;
    }

    byte[] countsJson(String topic) throws IOException {
        return countsJson(sorted(topic));
    }

    /** The JSON view of counts already {@link #sorted}: a flush sorts once for the JSON and the CSV. */
    static byte[] countsJson(List<CountValue> sorted) throws IOException {
        return WRITER.writeValueAsBytes(sorted);
    }

    byte[] countsCsv(String topic) {
        return countsCsv(topic, sorted(topic));
    }

    static byte[] countsCsv(String topic, List<CountValue> sorted) {
        StringBuilder csv = new StringBuilder(header(topic)).append('\n');
        for (CountValue c : sorted) {
            switch (topic) {
                case Topics.PAIR_DOMAIN_COUNTS -> row(csv, c.pair(), c.domain(), c.articles());
                case Topics.PAIR_COUNTS -> row(csv, c.pair(), c.articles());
                case Topics.DOMAIN_COUNTS -> row(csv, c.domain(), c.articles());
                case Topics.PAIR_MONTH_COUNTS -> row(csv, c.pair(), c.month(), c.articles());
                default -> throw new IllegalArgumentException(topic);
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String header(String topic) {
        return switch (topic) {
            case Topics.PAIR_DOMAIN_COUNTS -> "pair,domain,articles";
            case Topics.PAIR_COUNTS -> "pair,articles";
            case Topics.DOMAIN_COUNTS -> "domain,articles";
            case Topics.PAIR_MONTH_COUNTS -> "pair,month,articles";
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(csvCell(String.valueOf(cells[i])));
        }
        csv.append('\n');
    }

    /** RFC 4180 quoting; a leading formula character is defused for spreadsheet users. */
    static String csvCell(String s) {
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+") ? "'" + s : s;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    byte[] articlesJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeArticlesJson(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** articles.json, streamed: at 200,000 articles it is about 200 MB, never held whole in memory. */
    void writeArticlesJson(java.io.OutputStream out) throws IOException {
        out.write('[');
        boolean first = true;
        for (byte[] line : articleLines.values()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write('\n');
            out.write(line);
        }
        out.write('\n');
        out.write(']');
        out.write('\n');
    }

    /** Reads back the files a flush wrote; any problem means starting over from the topics. */
    void load(Path dir) throws IOException {
        List<ArticleFacts> facts = Json.MAPPER.readValue(dir.resolve(ARTICLES_FILE).toFile(),
                new TypeReference<List<ArticleFacts>>() { });
        for (ArticleFacts f : facts) {
            putArticle(f.id(), f);
        }
        for (String topic : Topics.COUNT_TOPICS) {
            List<CountValue> values = Json.MAPPER.readValue(Files.readAllBytes(dir.resolve(jsonName(topic))),
                    new TypeReference<List<CountValue>>() { });
            for (CountValue c : values) {
                String key = keyOf(topic, c);
                counts.get(topic).put(key, c);
                recheck(topic, key);
            }
        }
        dirty.clear();
    }

    static String keyOf(String topic, CountValue c) {
        return switch (topic) {
            case Topics.PAIR_DOMAIN_COUNTS -> CountKeys.pairDomain(c.pair(), c.domain());
            case Topics.PAIR_COUNTS -> c.pair();
            case Topics.DOMAIN_COUNTS -> c.domain();
            case Topics.PAIR_MONTH_COUNTS -> CountKeys.pairMonth(c.pair(), c.month());
            default -> throw new IllegalArgumentException(topic);
        };
    }

    ViewState snapshot(long flushes) {
        Map<String, String> versions = new HashMap<>(articles.size() * 2);
        articles.forEach((id, f) -> versions.put(id, f.version()));
        Map<String, Map<String, Long>> shown = new HashMap<>();
        counts.forEach((topic, table) -> {
            Map<String, Long> m = new HashMap<>(table.size() * 2);
            table.forEach((k, v) -> m.put(k, v.articles()));
            shown.put(topic, m);
        });
        Map<String, Set<String>> unsettled = unsettled();
        Map<String, Map<String, long[]>> reach = new HashMap<>();
        through.forEach((topic, table) -> reach.put(topic, new HashMap<>(table)));
        return new ViewState(versions, unsettled.isEmpty(), shown, unsettled, reach, flushes);
    }
}
