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

    /**
     * The files are rewritten whole on every flush that changes them and grow with the corpus
     * (articles.json about 1 KB per article with its evidence): one record per line instead of
     * pretty printing halves the time spent writing them and keeps them readable with line tools.
     */
    private static final ObjectWriter LINE_WRITER = Json.MAPPER.writer();

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
    /**
     * Per count topic, every count in file order (largest first, then key) with its JSON and CSV
     * lines, rendered once when the count changes: a flush of 300,000 counts copies bytes instead
     * of sorting and formatting them all again.
     */
    private final Map<String, java.util.TreeSet<Row>> ordered = new HashMap<>();
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
            ordered.put(topic, new java.util.TreeSet<>(Row.FILE_ORDER));
        }
    }

    /** A count in a count view's order, with its lines. Equal (for the order) when articles and key are. */
    private record Row(String key, long articles, CountValue value, byte[] json, byte[] csv) {
        static final Comparator<Row> FILE_ORDER = Comparator.comparingLong((Row r) -> -r.articles())
                .thenComparing(Row::key);

        static Row probe(String key, CountValue value) {
            return new Row(key, value.articles(), value, null, null);
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
            putArticle(key, facts, value == null || facts.id() == null || !facts.id().equals(key) || hasLineBreak(value)
                    ? null : value);
        } else {
            CountValue count = value == null ? null : Json.MAPPER.readValue(value, CountValue.class);
            putCount(topic, key, count);
            if (count == null) {
                through.get(topic).remove(key);
            } else {
                through.get(topic).put(key, Provenance.parseThrough(throughHeader));
            }
        }
        dirty.add(View.of(topic));
    }

    private void putCount(String topic, String key, CountValue count) throws IOException {
        CountValue before = count == null ? counts.get(topic).remove(key) : counts.get(topic).put(key, count);
        java.util.TreeSet<Row> order = ordered.get(topic);
        if (before != null) {
            order.remove(Row.probe(key, before));
        }
        if (count != null) {
            StringBuilder csv = new StringBuilder(48);
            csvRow(csv, topic, count);
            order.add(new Row(key, count.articles(), count, LINE_WRITER.writeValueAsBytes(count),
                    csv.toString().getBytes(StandardCharsets.UTF_8)));
        }
        recheck(topic, key);
    }

    private void putArticle(String id, ArticleFacts facts) throws IOException {
        putArticle(id, facts, null);
    }

    /**
     * @param line the record as it came, one line of JSON (null: serialize the facts): the
     *             article's line of articles.json without serializing what was just parsed
     */
    private void putArticle(String id, ArticleFacts facts, byte[] line) throws IOException {
        ArticleFacts before = facts == null ? articles.remove(id) : articles.put(id, facts);
        imply(Contributions.of(before), -1);
        imply(Contributions.of(facts), +1);
        if (before != null) {
            articleLines.remove(before);
        }
        if (facts != null) {
            articleLines.put(facts, line != null ? line : LINE_WRITER.writeValueAsBytes(facts));
        }
        tally(before, -1);
        tally(facts, +1);
    }

    private static boolean hasLineBreak(byte[] json) {
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
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
        ordered.values().forEach(java.util.TreeSet::clear);
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
        java.util.TreeSet<Row> order = ordered.get(topic);
        List<CountValue> out = new ArrayList<>(order.size());
        order.forEach(r -> out.add(r.value()));
        return out;
    }

    /** The JSON view of a count topic: an array, one count a line, largest first. */
    byte[] countsJson(String topic) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCountsJson(topic, out);
        return out.toByteArray();
    }

    void writeCountsJson(String topic, java.io.OutputStream out) throws IOException {
        out.write('[');
        boolean first = true;
        for (Row r : ordered.get(topic)) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write('\n');
            out.write(r.json());
        }
        out.write('\n');
        out.write(']');
        out.write('\n');
    }

    byte[] countsCsv(String topic) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCountsCsv(topic, out);
        return out.toByteArray();
    }

    void writeCountsCsv(String topic, java.io.OutputStream out) throws IOException {
        out.write((header(topic) + "\n").getBytes(StandardCharsets.UTF_8));
        for (Row r : ordered.get(topic)) {
            out.write(r.csv());
        }
    }

    private static void csvRow(StringBuilder csv, String topic, CountValue c) {
        switch (topic) {
            case Topics.PAIR_DOMAIN_COUNTS -> row(csv, c.pair(), c.domain(), c.articles());
            case Topics.PAIR_COUNTS -> row(csv, c.pair(), c.articles());
            case Topics.DOMAIN_COUNTS -> row(csv, c.domain(), c.articles());
            case Topics.PAIR_MONTH_COUNTS -> row(csv, c.pair(), c.month(), c.articles());
            default -> throw new IllegalArgumentException(topic);
        }
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
                putCount(topic, keyOf(topic, c), c);
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

    /**
     * What the tables hold, as a {@link ViewState} that reads them where they are: no copy, so it
     * costs nothing on a large corpus, but it is only valid on the writer's thread until the next
     * record is applied.
     */
    ViewState live(long flushes) {
        Map<String, String> versions = mapped(articles, ArticleFacts::version);
        Map<String, Map<String, Long>> shown = new HashMap<>();
        counts.forEach((topic, table) -> shown.put(topic, mapped(table, CountValue::articles)));
        Map<String, Set<String>> unsettled = new HashMap<>();
        unsettledKeys.forEach((topic, keys) -> {
            if (!keys.isEmpty()) {
                unsettled.put(topic, java.util.Collections.unmodifiableSet(keys));
            }
        });
        Map<String, Map<String, long[]>> reach = new HashMap<>();
        through.forEach((topic, table) -> reach.put(topic, java.util.Collections.unmodifiableMap(table)));
        return new ViewState(java.util.Collections.unmodifiableMap(versions), unsettled.isEmpty(),
                java.util.Collections.unmodifiableMap(shown), unsettled, reach, flushes);
    }

    /** A read-only view of a table through a function of its values. */
    private static <V, W> Map<String, W> mapped(Map<String, V> table, java.util.function.Function<V, W> f) {
        return new java.util.AbstractMap<>() {
            @Override
            public W get(Object key) {
                V v = table.get(key);
                return v == null ? null : f.apply(v);
            }

            @Override
            public boolean containsKey(Object key) {
                return table.containsKey(key);
            }

            @Override
            public int size() {
                return table.size();
            }

            @Override
            public Set<Entry<String, W>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public java.util.Iterator<Entry<String, W>> iterator() {
                        java.util.Iterator<Map.Entry<String, V>> it = table.entrySet().iterator();
                        return new java.util.Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            @Override
                            public Entry<String, W> next() {
                                Map.Entry<String, V> e = it.next();
                                return Map.entry(e.getKey(), f.apply(e.getValue()));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return table.size();
                    }
                };
            }
        };
    }

    /** What the tables hold, copied: a {@link ViewState} any thread may keep. */
    ViewState snapshot(long flushes) {
        ViewState live = live(flushes);
        Map<String, Map<String, Long>> shown = new HashMap<>();
        live.counts().forEach((topic, table) -> shown.put(topic, new HashMap<>(table)));
        Map<String, Map<String, long[]>> reach = new HashMap<>();
        live.through().forEach((topic, table) -> reach.put(topic, new HashMap<>(table)));
        return new ViewState(new HashMap<>(live.articleVersions()), live.consistent(), shown, unsettled(), reach, flushes);
    }
}
