package org.entente.consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
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
    /** The directory of the article files: {@code articles/00000.json}, {@code articles/00001.json}, ... */
    static final String ARTICLES_DIR = "articles";
    /**
     * Articles a file of {@link #ARTICLES_DIR} holds, in order of arrival (a correction keeps its
     * article's place, a retraction leaves a gap that later articles do not fill). Files of fixed
     * size instead of one file of every article: a flush rewrites the files that changed, so its
     * cost follows the flow, not the size of the archive (one file of 200,000 articles was 191 MB
     * to rewrite on every flush).
     */
    static final int ARTICLES_PER_FILE = 1000;

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
     * (an article is about 1 KB with its evidence): one record per line instead of
     * pretty printing halves the time spent writing them and keeps them readable with line tools.
     */
    private static final ObjectWriter LINE_WRITER = Json.MAPPER.writer();
    /** Made once: a mapper asked for a class looks its type up again on every record (4% of this thread). */
    private static final ObjectReader FACTS_READER = Json.MAPPER.readerFor(ArticleFacts.class);
    private static final ObjectReader COUNT_READER = Json.MAPPER.readerFor(CountValue.class);

    /** Unordered: the files take their order from {@link #articleFiles} and {@link #sorted}. */
    final Map<String, ArticleFacts> articles = new HashMap<>();
    /** The page's order: newest month first, articles without a month last, then by id. */
    private static final Comparator<ArticleFacts> NEWEST_FIRST = (a, b) -> {
        // written out rather than composed of key extractors, nullsLast and reversed, which cost
        // several calls per comparison
        String x = a.date();
        String y = b.date();
        if (x != y) {
            if (x == null) {
                return 1;
            }
            if (y == null) {
                return -1;
            }
            int c = y.compareTo(x);
            if (c != 0) {
                return c;
            }
        }
        return a.id().compareTo(b.id());
    };
    /** Dates in the page's order: newest first, none last. */
    private static final Comparator<String> NEWEST_DATE_FIRST = (x, y) -> x == null ? (y == null ? 0 : 1)
            : y == null ? -1 : y.compareTo(x);
    /**
     * Per pair, the articles naming it by date, newest first, and the articles naming none: what
     * the page lists, found without keeping every article in date order as it arrives (a tree of
     * every article, updated with each record, was among the writer's largest costs) nor sorting
     * the tens of thousands of articles of the top pairs on every page (half its data's time).
     */
    private final Map<String, TreeMap<String, Map<String, ArticleFacts>>> articlesOfPair = new HashMap<>();
    private final Set<String> pairless = new HashSet<>();
    /**
     * Per article file, its articles' lines by id in order of arrival, each kept as it came (or
     * serialized once): a flush copies bytes instead of serializing every article again.
     */
    private final List<java.util.LinkedHashMap<String, byte[]>> articleFiles = new ArrayList<>();
    private final Map<String, Integer> fileOf = new HashMap<>();
    private final java.util.TreeSet<Integer> dirtyFiles = new java.util.TreeSet<>();
    /** Per count topic, its {@link CountTable}. */
    private final Map<String, CountTable> countTables = new HashMap<>();
    /** Per count topic, key to the count shown (a view of its cells). */
    final Map<String, Map<String, CountValue>> counts = new HashMap<>();
    /**
     * Per count topic and key, its {@link Provenance#THROUGH} offsets (arrays never changed once
     * stored; a view of its cells).
     */
    private final Map<String, Map<String, long[]>> through = new HashMap<>();
    private byte[] lastThroughHeader;
    private long[] lastThrough = Provenance.parseThrough(null);
    private final Set<View> dirty = EnumSet.noneOf(View.class);
    /** Articles with at least one pair, and per country the articles naming it, for the page. */
    private long counted;
    private final Map<String, Integer> countryArticles = new HashMap<>();

    ViewTables() {
        for (String topic : Topics.COUNT_TOPICS) {
            CountTable table = new CountTable();
            countTables.put(topic, table);
            counts.put(topic, new MappedView<>(table.cells, c -> c.row == null ? null : c.row.value(), () -> table.shown));
            through.put(topic, new MappedView<>(table.cells, c -> c.through, null));
        }
    }

    /**
     * Where a run of rows stands in a count view: its count, then its key prefix. Keys that share
     * a prefix are neighbours in key order (whatever lies between two strings with a prefix has
     * it too), so the rows of one count and prefix are one stretch of the file, and runs in this
     * order list the rows in the file's order.
     */
    private record RunKey(long count, String prefix, long head) {
        /**
         * Most comparisons are settled by the count and the first chars of the prefix, held in the
         * key itself: a step down the tree of some 90,000 runs then reads one object, not the
         * prefix's string and its bytes too.
         */
        static final Comparator<RunKey> FILE_ORDER = (a, b) -> a.count() != b.count()
                ? Long.compare(b.count(), a.count())
                : a.head() != b.head() ? Long.compareUnsigned(a.head(), b.head()) : a.prefix().compareTo(b.prefix());

        RunKey(long count, String prefix) {
            this(count, prefix, head(prefix));
        }

        /** The first four UTF-16 units, 16 bits each, zeros past the end: compared unsigned, in string order. */
        static long head(String s) {
            long h = 0;
            for (int i = 0; i < 4; i++) {
                h = h << 16 | (i < s.length() ? s.charAt(i) : 0);
            }
            return h;
        }

        /** The key up to and including its first separator ("KZ-VN|"), or the whole key if it has none. */
        static String prefixOf(String key) {
            int at = key.indexOf(CountKeys.SEPARATOR);
            return at < 0 ? key : key.substring(0, at + 1);
        }
    }

    /** The rows of one run by key, with the run's lines as they were last rendered (null: to render). */
    private static final class Run {
        final RunKey key;
        final TreeMap<String, Row> rows = new TreeMap<>();
        byte[] json;
        byte[] csv;

        Run(RunKey key) {
            this.key = key;
        }
    }

    /** What the views know of one count topic. */
    private static final class CountTable {
        /**
         * Everything known of each count key in one {@link Cell}: a record looks its key up once,
         * where a table each for the counts, what the facts imply, the keys not settled and the
         * offsets took five lookups in tables of hundreds of thousands of keys, each a cache miss.
         */
        final Map<String, Cell> cells = new HashMap<>();
        /**
         * Every count in file order (largest first, then key), in runs of the rows that share a
         * count and a key prefix (the pair of a pair x domain or pair x month key), each run kept
         * rendered as its JSON and CSV lines: a flush of 330,000 counts copies some 90,000 runs of
         * bytes, and renders again only the runs that changed since the last flush.
         */
        final TreeMap<RunKey, Run> runs = new TreeMap<>(RunKey.FILE_ORDER);
        /**
         * The keys whose shown count differs from what the facts imply, kept in step with every
         * change: a flush must not compare every count of a large corpus again.
         */
        final Set<String> unsettled = new HashSet<>();
        /** How many cells show a count. */
        int shown;

        void clear() {
            cells.clear();
            runs.clear();
            unsettled.clear();
            shown = 0;
        }
    }

    /**
     * One count key: the count shown and where its row is, what the article facts imply, the
     * offsets its record reaches, and whether the two counts differ. Dropped once it shows nothing
     * and the facts imply nothing.
     */
    private static final class Cell {
        final String prefix;
        /** The count shown, with its line; null: none. */
        Row row;
        /** The run holding {@link #row}. */
        Run run;
        /** What the facts imply; 0: nothing. */
        long implied;
        /** The {@link Provenance#THROUGH} offsets of the record shown; null: none. */
        long[] through;
        /** Whether this key is in its table's {@link CountTable#unsettled}. */
        boolean unsettled;

        Cell(String key) {
            prefix = RunKey.prefixOf(key);
        }
    }

    /**
     * A read-only view of a table through a function of its values, holding the keys where the
     * function gives a value (a cell's field, say, where it is set).
     */
    private static final class MappedView<T, V> extends java.util.AbstractMap<String, V> {
        private final Map<String, T> table;
        private final java.util.function.Function<T, V> valueOf;
        /** The number of keys where the function gives a value, if kept; null: counted. */
        private final java.util.function.IntSupplier size;

        MappedView(Map<String, T> table, java.util.function.Function<T, V> valueOf, java.util.function.IntSupplier size) {
            this.table = table;
            this.valueOf = valueOf;
            this.size = size;
        }

        @Override
        public V get(Object key) {
            T c = table.get(key);
            return c == null ? null : valueOf.apply(c);
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Entry<String, V>> iterator() {
                    java.util.Iterator<Map.Entry<String, T>> all = table.entrySet().iterator();
                    return new java.util.Iterator<>() {
                        private Entry<String, V> next = advance();

                        private Entry<String, V> advance() {
                            while (all.hasNext()) {
                                Map.Entry<String, T> e = all.next();
                                V v = valueOf.apply(e.getValue());
                                if (v != null) {
                                    return Map.entry(e.getKey(), v);
                                }
                            }
                            return null;
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Entry<String, V> next() {
                            if (next == null) {
                                throw new java.util.NoSuchElementException();
                            }
                            Entry<String, V> out = next;
                            next = advance();
                            return out;
                        }
                    };
                }

                @Override
                public int size() {
                    if (size != null) {
                        return size.getAsInt();
                    }
                    int n = 0;
                    for (T c : table.values()) {
                        if (valueOf.apply(c) != null) {
                            n++;
                        }
                    }
                    return n;
                }
            };
        }
    }

    /** A count with its JSON line: the record as it came when that is one line. */
    private record Row(CountValue value, byte[] json) {
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
            ArticleFacts facts = value == null ? null : FACTS_READER.readValue(value);
            putArticle(key, facts, value == null || facts.id() == null || !facts.id().equals(key) || hasLineBreak(value)
                    ? null : value, null);
        } else {
            // read without a JSON parser when it is exactly what the streams app writes for its
            // key (see canonicalCount); such a value is one line by its form, and is the count's
            // line as it came, as any other value is when it has no line break
            CountValue canonical = value == null ? null : canonicalCount(topic, key, value);
            CountValue count = canonical != null || value == null ? canonical : COUNT_READER.readValue(value);
            putCount(topic, key, count, value == null || canonical == null && hasLineBreak(value) ? null : value,
                    count == null ? null : parsedThrough(throughHeader));
        }
        dirty.add(View.of(topic));
    }

    /**
     * The count of a value written exactly as {@link Contributions#valueFor} gives it for this key
     * ({@code {"pair":"KZ-VN","domain":"trade","articles":1}}), read without a JSON parser, or null
     * for any other value (other spacing or field order, escapes, a value that names another key),
     * which the parser reads as it always did: seven of every eight records the writer reads are
     * counts, and setting a parser up for each was a twelfth of applying them.
     */
    static CountValue canonicalCount(String topic, String key, byte[] v) {
        int bar = key.indexOf(CountKeys.SEPARATOR);
        int at = switch (topic) {
            case Topics.PAIR_DOMAIN_COUNTS -> bar < 0 ? -1
                    : field(v, field(v, 0, "{\"pair\":\"", key, 0, bar), "\",\"domain\":\"", key, bar + 1, key.length());
            case Topics.PAIR_COUNTS -> field(v, 0, "{\"pair\":\"", key, 0, key.length());
            case Topics.DOMAIN_COUNTS -> field(v, 0, "{\"domain\":\"", key, 0, key.length());
            case Topics.PAIR_MONTH_COUNTS -> bar < 0 ? -1
                    : field(v, field(v, 0, "{\"pair\":\"", key, 0, bar), "\",\"month\":\"", key, bar + 1, key.length());
            default -> -1;
        };
        at = literal(v, at, "\",\"articles\":");
        // then the count's digits up to the closing brace, the last byte: no sign, no leading zero
        // (a zero count is a tombstone), at most 18 digits so that it cannot overflow
        int end = v.length - 1;
        if (at < 0 || end - at < 1 || end - at > 18 || v[end] != '}' || v[at] == '0') {
            return null;
        }
        long n = 0;
        for (int i = at; i < end; i++) {
            int digit = v[i] - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            n = n * 10 + digit;
        }
        return Contributions.valueFor(topic, key, n);
    }

    /**
     * At {@code at}, {@code literal}, then the chars {@code from..to} of the key, each one a JSON
     * string holds as it is (no escape): the position after them, or -1.
     */
    private static int field(byte[] v, int at, String literal, String key, int from, int to) {
        at = literal(v, at, literal);
        if (at < 0 || v.length - at < to - from) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\' || v[at++] != c) {
                return -1;
            }
        }
        return at;
    }

    private static int literal(byte[] v, int at, String literal) {
        if (at < 0 || v.length - at < literal.length()) {
            return -1;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (v[at + i] != literal.charAt(i)) {
                return -1;
            }
        }
        return at + literal.length();
    }

    /**
     * The offsets of a {@link Provenance#THROUGH} header, parsed once for the run of records that
     * carry the same one (every count of one publication does): the arrays are shared, never changed.
     */
    private long[] parsedThrough(byte[] header) {
        if (!java.util.Arrays.equals(header, lastThroughHeader)) {
            lastThroughHeader = header == null ? null : header.clone();
            lastThrough = Provenance.parseThrough(header);
        }
        return lastThrough;
    }

    /** Shows a count (null: none), with the offsets its record reaches (null: not known). */
    private void putCount(String topic, String key, CountValue count, byte[] line, long[] reach) throws IOException {
        CountTable table = countTables.get(topic);
        Cell cell = table.cells.get(key);
        if (cell == null) {
            if (count == null) {
                // a tombstone of a key never shown and implied by nothing
                return;
            }
            cell = new Cell(key);
            table.cells.put(key, cell);
        }
        TreeMap<RunKey, Run> runs = table.runs;
        if (cell.row != null) {
            Run run = cell.run;
            run.rows.remove(key);
            if (run.rows.isEmpty()) {
                runs.remove(run.key);
            } else {
                run.json = null;
                run.csv = null;
            }
            table.shown--;
        }
        if (count != null) {
            RunKey at = new RunKey(count.articles(), cell.prefix);
            Run run = runs.computeIfAbsent(at, Run::new);
            Row row = new Row(count, line != null ? line : LINE_WRITER.writeValueAsBytes(count));
            run.rows.put(key, row);
            run.json = null;
            run.csv = null;
            cell.row = row;
            cell.run = run;
            table.shown++;
        } else {
            cell.row = null;
            cell.run = null;
        }
        cell.through = reach;
        settle(table, key, cell);
    }

    /**
     * @param line the record as it came, one line of JSON (null: serialize the facts): the
     *             article's line in its file without serializing what was just parsed
     * @param file the article file it is in (null: where it is, or the newest file for a new one)
     */
    private void putArticle(String id, ArticleFacts given, byte[] line, Integer file) throws IOException {
        // kept until the article changes, with every other: in a few objects, not some 175
        ArticleFacts facts = given == null ? null : given.compact();
        ArticleFacts before = facts == null ? articles.remove(id) : articles.put(id, facts);
        imply(Contributions.of(before), -1);
        imply(Contributions.of(facts), +1);
        if (before != null) {
            index(id, before, false);
        }
        Integer was = fileOf.get(id);
        if (was != null && (facts == null || file != null && !file.equals(was))) {
            articleFiles.get(was).remove(id);
            fileOf.remove(id);
            dirtyFiles.add(was);
        }
        if (facts != null) {
            index(id, facts, true);
            int at = file != null ? file : was != null ? was : newestFileWithRoom();
            while (articleFiles.size() <= at) {
                articleFiles.add(new java.util.LinkedHashMap<>());
            }
            articleFiles.get(at).put(id, line != null ? line : LINE_WRITER.writeValueAsBytes(facts));
            fileOf.put(id, at);
            dirtyFiles.add(at);
        }
        tally(before, -1);
        tally(facts, +1);
    }

    private int newestFileWithRoom() {
        int last = articleFiles.size() - 1;
        return last >= 0 && articleFiles.get(last).size() < ARTICLES_PER_FILE ? last : last + 1;
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

    /**
     * The articles naming any of these pairs, by date (newest first), unordered within a date: a
     * copy of references, cheap to take on the writer's thread; {@link #newestFirst} orders them
     * on any thread. An article naming two of the pairs is listed twice.
     */
    java.util.SortedMap<String, List<ArticleFacts>> articlesByDate(java.util.Collection<String> pairs) {
        TreeMap<String, List<ArticleFacts>> byDate = new TreeMap<>(NEWEST_DATE_FIRST);
        for (String pair : pairs) {
            articlesOfPair.getOrDefault(pair, new TreeMap<>()).forEach((date, ofDate) ->
                    byDate.computeIfAbsent(date, d -> new ArrayList<>()).addAll(ofDate.values()));
        }
        return byDate;
    }

    private static final Comparator<ArticleFacts> BY_ID = Comparator.comparing(ArticleFacts::id);

    /**
     * Articles by date as {@link #articlesByDate} gives them, newest date first, then by id, each
     * once; sorted a date at a time as the caller reads on, so a reader that stops early sorts little.
     */
    static Iterable<ArticleFacts> newestFirst(java.util.SortedMap<String, List<ArticleFacts>> byDate) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<List<ArticleFacts>> dates = byDate.values().iterator();
            private List<ArticleFacts> current = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == current.size() && dates.hasNext()) {
                    List<ArticleFacts> sorted = new ArrayList<>(dates.next());
                    sorted.sort(BY_ID);
                    // an article naming two of the pairs came twice: once
                    int kept = 0;
                    for (ArticleFacts f : sorted) {
                        if (kept == 0 || !sorted.get(kept - 1).id().equals(f.id())) {
                            sorted.set(kept++, f);
                        }
                    }
                    current = sorted.subList(0, kept);
                    next = 0;
                }
                return next < current.size();
            }

            @Override
            public ArticleFacts next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.get(next++);
            }
        };
    }

    /** The most recent articles that name no pair, at most {@code limit}, newest month first, then by id. */
    List<ArticleFacts> newestPairless(int limit) {
        // the oldest of those kept on top, so the kept ones are found in one pass without sorting all
        java.util.PriorityQueue<ArticleFacts> kept = new java.util.PriorityQueue<>(NEWEST_FIRST.reversed());
        for (String id : pairless) {
            kept.add(articles.get(id));
            if (kept.size() > limit) {
                kept.poll();
            }
        }
        List<ArticleFacts> out = new ArrayList<>(kept);
        out.sort(NEWEST_FIRST);
        return out;
    }

    private void index(String id, ArticleFacts facts, boolean add) {
        if (facts.pairs().isEmpty()) {
            if (add) {
                pairless.add(id);
            } else {
                pairless.remove(id);
            }
        }
        for (String pair : facts.pairs()) {
            if (add) {
                articlesOfPair.computeIfAbsent(pair, p -> new TreeMap<>(NEWEST_DATE_FIRST))
                        .computeIfAbsent(facts.date(), d -> new HashMap<>()).put(id, facts);
            } else {
                TreeMap<String, Map<String, ArticleFacts>> dates = articlesOfPair.get(pair);
                Map<String, ArticleFacts> ofDate = dates == null ? null : dates.get(facts.date());
                if (ofDate != null && ofDate.remove(id) != null && ofDate.isEmpty()) {
                    dates.remove(facts.date());
                    if (dates.isEmpty()) {
                        articlesOfPair.remove(pair);
                    }
                }
            }
        }
    }

    /** Forgets everything, as before the first record. */
    void clear() {
        articles.clear();
        articlesOfPair.clear();
        pairless.clear();
        articleFiles.clear();
        fileOf.clear();
        dirtyFiles.clear();
        countTables.values().forEach(CountTable::clear);
        counted = 0;
        countryArticles.clear();
    }

    private void imply(Contributions c, int sign) {
        for (String topic : Topics.COUNT_TOPICS) {
            CountTable table = countTables.get(topic);
            for (String key : c.keysFor(topic)) {
                Cell cell = table.cells.computeIfAbsent(key, Cell::new);
                cell.implied += sign;
                settle(table, key, cell);
            }
        }
    }

    /**
     * Whether the shown count of one key equals what the facts imply, after a change to either;
     * the set of keys not settled changes only when that does. A cell left with nothing goes.
     */
    private static void settle(CountTable table, String key, Cell cell) {
        boolean settled = cell.row == null ? cell.implied == 0
                : cell.implied != 0 && cell.implied == cell.row.value().articles();
        if (settled == cell.unsettled) {
            cell.unsettled = !settled;
            if (settled) {
                table.unsettled.remove(key);
            } else {
                table.unsettled.add(key);
            }
        }
        if (cell.row == null && cell.implied == 0) {
            table.cells.remove(key);
        }
    }

    /** Every count view equals what the article facts imply. */
    boolean consistent() {
        for (CountTable table : countTables.values()) {
            if (!table.unsettled.isEmpty()) {
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
        countTables.forEach((topic, table) -> {
            if (!table.unsettled.isEmpty()) {
                out.put(topic, Set.copyOf(table.unsettled));
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

    /** The article files changed since the last call, by number. */
    List<Integer> takeDirtyArticleFiles() {
        List<Integer> out = new ArrayList<>(dirtyFiles);
        dirtyFiles.clear();
        return out;
    }

    void markAllDirty() {
        dirty.addAll(EnumSet.allOf(View.class));
        for (int f = 0; f < articleFiles.size(); f++) {
            dirtyFiles.add(f);
        }
    }

    /** How many article files there are (some may be empty after retractions). */
    int articleFileCount() {
        return articleFiles.size();
    }

    static String articleFileName(int file) {
        return String.format(java.util.Locale.ROOT, "%05d.json", file);
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
        List<CountValue> out = new ArrayList<>(counts.get(topic).size());
        for (Run run : countTables.get(topic).runs.values()) {
            run.rows.values().forEach(r -> out.add(r.value()));
        }
        return out;
    }

    /** The JSON view of a count topic, as {@link #writeCounts} writes it. */
    byte[] countsJson(String topic) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        writeCounts(topic, json, java.io.OutputStream.nullOutputStream());
        return json.toByteArray();
    }

    /** The CSV view of a count topic, as {@link #writeCounts} writes it. */
    byte[] countsCsv(String topic) throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        writeCounts(topic, java.io.OutputStream.nullOutputStream(), csv);
        return csv.toByteArray();
    }

    /**
     * Both views of a count topic in one walk of its runs: the JSON, an array with one count a
     * line, largest first, and the CSV, a header and one count a row in the same order. A run
     * that changed since the last walk is rendered again, the others are copied as they are.
     */
    void writeCounts(String topic, java.io.OutputStream json, java.io.OutputStream csv) throws IOException {
        csv.write((header(topic) + "\n").getBytes(StandardCharsets.UTF_8));
        json.write('[');
        boolean first = true;
        StringBuilder text = null;
        ByteArrayOutputStream lines = null;
        for (Run run : countTables.get(topic).runs.values()) {
            if (run.json == null) {
                if (text == null) {
                    text = new StringBuilder(256);
                    lines = new ByteArrayOutputStream(256);
                }
                render(topic, run, text, lines);
            }
            json.write(first ? OPEN_FIRST : SEPARATOR);
            first = false;
            json.write(run.json);
            csv.write(run.csv);
        }
        json.write(CLOSE);
    }

    /** A run's JSON lines, joined as they stand in the array, and its CSV rows. */
    private static void render(String topic, Run run, StringBuilder csv, ByteArrayOutputStream json) throws IOException {
        csv.setLength(0);
        json.reset();
        boolean first = true;
        for (Row r : run.rows.values()) {
            if (!first) {
                json.write(SEPARATOR);
            }
            first = false;
            json.write(r.json());
            csvRow(csv, topic, r.value());
        }
        run.json = json.toByteArray();
        run.csv = csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON array of records already serialized, one a line, as the count views are written. */
    private static void writeArray(java.io.OutputStream out, java.util.Iterator<byte[]> lines) throws IOException {
        out.write('[');
        boolean first = true;
        while (lines.hasNext()) {
            out.write(first ? OPEN_FIRST : SEPARATOR);
            first = false;
            out.write(lines.next());
        }
        out.write(CLOSE);
    }

    private static final byte[] OPEN_FIRST = {'\n'};
    private static final byte[] SEPARATOR = {',', '\n'};
    private static final byte[] CLOSE = {'\n', ']', '\n'};

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

    /** One article file, as {@link #writeArticleFile} writes it. */
    byte[] articleFile(int file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeArticleFile(file, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An article file: a JSON array of its articles' facts, one a line, in order of arrival. */
    void writeArticleFile(int file, java.io.OutputStream out) throws IOException {
        writeArray(out, articleFiles.get(file).values().iterator());
    }

    /** Reads back the files a flush wrote; any problem means starting over from the topics. */
    void load(Path dir) throws IOException {
        Path articleDir = dir.resolve(ARTICLES_DIR);
        if (!Files.isDirectory(articleDir)) {
            throw new IOException("no " + ARTICLES_DIR + " directory");
        }
        List<Path> files = new ArrayList<>();
        try (var listing = Files.newDirectoryStream(articleDir, "[0-9][0-9][0-9][0-9][0-9].json")) {
            listing.forEach(files::add);
        }
        files.sort(null);
        Set<Integer> stale = new java.util.TreeSet<>();
        for (Path file : files) {
            int number = Integer.parseInt(file.getFileName().toString().substring(0, 5));
            List<ArticleFacts> facts = Json.MAPPER.readValue(file.toFile(), new TypeReference<List<ArticleFacts>>() { });
            for (ArticleFacts f : facts) {
                // an article in two files (retracted and sent again between two flushes, and a
                // crash between the two writes): the later file wins, the earlier is rewritten
                Integer earlier = fileOf.get(f.id());
                if (earlier != null && earlier != number) {
                    stale.add(earlier);
                }
                putArticle(f.id(), f, null, number);
            }
            while (articleFiles.size() <= number) {
                articleFiles.add(new java.util.LinkedHashMap<>());
            }
        }
        for (String topic : Topics.COUNT_TOPICS) {
            List<CountValue> values = Json.MAPPER.readValue(Files.readAllBytes(dir.resolve(jsonName(topic))),
                    new TypeReference<List<CountValue>>() { });
            for (CountValue c : values) {
                // loaded views start without offsets
                putCount(topic, keyOf(topic, c), c, null, null);
            }
        }
        dirty.clear();
        dirtyFiles.clear();
        dirtyFiles.addAll(stale);
        if (!stale.isEmpty()) {
            dirty.add(View.ARTICLES);
        }
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
        countTables.forEach((topic, table) -> {
            if (!table.unsettled.isEmpty()) {
                unsettled.put(topic, java.util.Collections.unmodifiableSet(table.unsettled));
            }
        });
        Map<String, Map<String, long[]>> reach = new HashMap<>();
        through.forEach((topic, table) -> reach.put(topic, java.util.Collections.unmodifiableMap(table)));
        return new ViewState(java.util.Collections.unmodifiableMap(versions), unsettled.isEmpty(),
                java.util.Collections.unmodifiableMap(shown), unsettled, reach, flushes);
    }

    /** A read-only view of a table through a function of its values. */
    private static <V, W> Map<String, W> mapped(Map<String, V> table, java.util.function.Function<V, W> f) {
        return new MappedView<>(table, f, table::size);
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
