package org.entente.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.entente.common.CountValue;
import org.entente.common.Json;
import org.entente.common.Provenance;
import org.apache.kafka.common.header.Header;
import org.entente.common.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Materialises the output topics as files.
 *
 * <p>Input: {@code article-facts} (key: article id, value: ArticleFacts JSON) and the four count
 * topics (string keys, CountValue JSON), read_committed; null values are deletions. Output, in
 * the views directory: one JSON and one CSV file per count topic, {@code articles/00000.json} and
 * on (the facts of every article, 1,000 a file in order of arrival), {@code index.html} and
 * {@code manifest.json}.
 *
 * <p>Crash safety: each file is replaced atomically and fsynced; the manifest, put in place last,
 * records the offsets the files reflect, and the offsets are then committed to Kafka for
 * monitoring. A restart loads the files and resumes from the manifest's offsets. Records read
 * again after a crash are latest-value-per-key upserts, so applying them twice is harmless.
 */
public final class ViewWriter implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewWriter.class);
    static final String MANIFEST = "manifest.json";
    static final String REPORT = "index.html";

    private final Consumer<String, byte[]> consumer;
    private final ViewSettings settings;
    private final ViewTables tables = new ViewTables();
    private final ViewMetrics metrics = new ViewMetrics();
    private final Object stateLock = new Object();
    private volatile boolean running = true;
    private volatile boolean stopped;
    private volatile Throwable failure;
    /** The last copy made for {@link #state()}, and how many requests for one it answers. */
    private volatile ViewState state = ViewState.NONE;
    private final java.util.concurrent.atomic.AtomicLong stateRequests = new java.util.concurrent.atomic.AtomicLong();
    private volatile long stateServed;
    private final List<java.util.function.Consumer<ViewState>> flushListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<Waiter> waiters = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean newWaiter;
    /** The offsets the files reflect as of the last flush, for the group (null before the first flush). */
    private Map<TopicPartition, OffsetAndMetadata> flushedPositions;
    /** Records were applied since the files were last written: the tables are ahead of the files. */
    private boolean appliedSinceFlush;
    private long flushes;
    private long lastReport = Long.MIN_VALUE / 2;
    /** The last flush left the report page behind the other files. */
    private boolean reportBehind;
    /** A count view's CSV, made while its JSON is written; kept from flush to flush. */
    private final Bytes csv = new Bytes();

    /** How long the last flush spent on the page (0 if it did not render it). */
    private long reportNanos;
    /** Runs the fsyncs of a flush together (see {@link AtomicFiles.Batch}). */
    private final java.util.concurrent.ExecutorService syncs = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "entente-views-sync");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService pages = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "entente-views-page");
        t.setDaemon(true);
        return t;
    });
    /** The page being written on the page thread, or the last one. */
    private java.util.concurrent.Future<Void> page;

    public ViewWriter(Consumer<String, byte[]> consumer, ViewSettings settings) {
        this.consumer = consumer;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(settings.outDir().resolve(ViewTables.ARTICLES_DIR));
            // one file of every article, from before the article files: its views are rebuilt
            Files.deleteIfExists(settings.outDir().resolve("articles.json"));
            int leftovers = AtomicFiles.removeLeftovers(settings.outDir())
                    + AtomicFiles.removeLeftovers(settings.outDir().resolve(ViewTables.ARTICLES_DIR));
            if (leftovers > 0) {
                LOG.info("removed {} temporary file(s) left by an interrupted flush in {}", leftovers, settings.outDir());
            }
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            boolean resumed = resume(partitions);
            if (!resumed) {
                tables.markAllDirty();
            }
            long lastFlush = 0;
            long nextAllowed = 0;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long applying = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    metrics.read++;
                    try {
                        Header through = r.headers().lastHeader(Provenance.THROUGH);
                        tables.apply(r.topic(), r.key(), r.value(), through == null ? null : through.value());
                        appliedSinceFlush = true;
                    } catch (IOException e) {
                        metrics.skipped++;
                        LOG.warn("skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                    }
                }
                long now = System.nanoTime();
                if (!records.isEmpty()) {
                    metrics.applyNanos += now - applying;
                }
                boolean reportDue = reportBehind && now - lastReport >= settings.reportInterval().toNanos();
                if ((tables.anyDirty() || reportDue) && now >= nextAllowed) {
                    long started = System.nanoTime();
                    long cpu = threadCpu();
                    flush(partitions);
                    long took = System.nanoTime() - started;
                    long flushCpu = threadCpu() - cpu;
                    metrics.flushCpuNanos += flushCpu;
                    metrics.lastFlushNanos = took;
                    metrics.flushNanos += took;
                    metrics.pageNanos += reportNanos;
                    lastFlush = now;
                    nextAllowed = nextFlushAt(lastFlush, settings.flushInterval().toNanos(), took, flushCpu, reportNanos);
                }
                metrics.lag = lag(partitions);
                // asked for the state between flushes: the tables are what the files show, answer now
                if (!appliedSinceFlush && (newWaiter || stateRequests.get() > stateServed)) {
                    published();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
                throw e;
            }
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("view writer failed on " + settings.outDir() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (failure == null && flushedPositions != null) {
                commitOnStop();
            }
            syncs.shutdown();
            pages.shutdown();
            try {
                // a page in progress is finished, so the files left behind are whole and current
                pages.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!appliedSinceFlush && failure == null) {
                // the tables are what the files show: the last answer of state() from now on
                state = tables.snapshot(flushes);
            }
            stopped = true;
            synchronized (stateLock) {
                stateLock.notifyAll();
            }
        }
    }

    /**
     * When the flush after one that started at {@code started} may start, all in nanoseconds. A
     * slow flush (a large corpus) must not turn the writer into a file copier: the next waits at
     * least the configured interval, and after this one ends at least as long as it kept a core
     * busy, left for reading. The part of a flush spent waiting for the disk costs no core and only
     * delays the files: pacing on the whole flush time (the next flush twice as late as the last
     * took) left changes waiting 70 ms longer at p50, in four pairs of bench runs. The report
     * page's data ({@code page}, taken every few seconds) does not stretch every cycle after it.
     */
    static long nextFlushAt(long started, long interval, long took, long cpu, long page) {
        return started + Math.max(interval, took - page + Math.max(0, cpu - page));
    }

    /**
     * Offsets are committed without waiting while the writer runs; one that stops leaves the group
     * where its files are, for whoever watches the group's lag.
     */
    private void commitOnStop() {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(flushedPositions, Duration.ofSeconds(10));
                return;
            } catch (WakeupException e) {
                // the wakeup of close() came while no poll was waiting: this call took it, try again
            } catch (RuntimeException e) {
                LOG.warn("offsets of the last flush not committed to the group (the manifest has them): {}", e.toString());
                return;
            }
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            List<TopicPartition> all = new ArrayList<>();
            boolean missing = false;
            for (String topic : Topics.VIEW_TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    missing = true;
                    break;
                }
                infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (!missing) {
                return all;
            }
            LOG.info("waiting for the output topics to exist (start 'entente streams')");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    /** Loads the files and seeks to the offsets they reflect; false when starting afresh. */
    private boolean resume(List<TopicPartition> partitions) {
        Path manifest = settings.outDir().resolve(MANIFEST);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        boolean loaded = false;
        if (Files.exists(manifest)) {
            try {
                JsonNode node = Json.MAPPER.readTree(manifest.toFile());
                node.get("offsets").fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(p ->
                        offsets.put(new TopicPartition(topic.getKey(), Integer.parseInt(p.getKey())), p.getValue().asLong())));
                int articleFiles = node.path("articleFiles").asInt(-1);
                if (articleFiles < 0) {
                    throw new IOException("written by a version of Entente before the article files");
                }
                tables.load(settings.outDir());
                if (tables.articleFileCount() < articleFiles) {
                    throw new IOException(articleFiles + " article files expected, " + tables.articleFileCount() + " found");
                }
                loaded = true;
                flushes = node.path("flushes").asLong();
                LOG.info("resuming views in {} from {} recorded offsets", settings.outDir(), offsets.size());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot resume from the views in {} ({}); rebuilding them from the topics", settings.outDir(), e.getMessage());
                offsets.clear();
                tables.clear();
            }
        }
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = offsets.get(tp);
            if (offset == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        consumer.seekToBeginning(fromStart);
        if (loaded) {
            published();
        }
        return loaded;
    }

    private void flush(List<TopicPartition> partitions) throws IOException {
        Path dir = settings.outDir();
        Path articles = dir.resolve(ViewTables.ARTICLES_DIR);
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        ObjectNode offsets = manifest.putObject("offsets");
        for (TopicPartition tp : partitions) {
            long position = consumer.position(tp);
            positions.put(tp, new OffsetAndMetadata(position));
            ObjectNode topic = offsets.has(tp.topic()) ? (ObjectNode) offsets.get(tp.topic()) : offsets.putObject(tp.topic());
            topic.put(Integer.toString(tp.partition()), position);
        }
        boolean consistent = tables.consistent();
        // every changed file written, then all made durable together (the manifest with them),
        // then put in place, and the manifest, which says they are current, only after them (on
        // a disk the broker keeps busy, each wait for it is a journal commit of tens of ms)
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            for (ViewTables.View view : tables.takeDirty()) {
                if (view == ViewTables.View.ARTICLES) {
                    for (int file : tables.takeDirtyArticleFiles()) {
                        batch.add(articles, ViewTables.articleFileName(file), out -> tables.writeArticleFile(file, out));
                    }
                } else {
                    csv.reset();
                    batch.add(dir, ViewTables.jsonName(view.topic), out -> tables.writeCounts(view.topic, out, csv));
                    batch.add(dir, ViewTables.csvName(view.topic), csv::writeTo);
                }
            }
            manifest.put("updated", Instant.now().toString());
            manifest.put("flushes", flushes + 1);
            manifest.put("articles", tables.articles.size());
            manifest.put("articleFiles", tables.articleFileCount());
            manifest.put("consistent", consistent);
            byte[] manifestBytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            batch.addLast(dir, MANIFEST, out -> out.write(manifestBytes));
            batch.commit(syncs);
        }
        flushes++;
        // the files are durable and a restart resumes from the manifest, never from these
        // offsets: they are for monitoring (the group's lag), so the flush does not wait for them
        flushedPositions = positions;
        consumer.commitAsync(positions, (committed, e) -> {
            if (e instanceof org.apache.kafka.clients.consumer.RetriableCommitFailedException) {
                // the group coordinator not yet found, moved: the next flush commits again
                LOG.debug("offsets of a flush not committed to the group: {}", e.toString());
            } else if (e != null) {
                LOG.warn("offsets of a flush not committed to the group (the manifest has them; a restart does not need them): {}", e.toString());
            }
        });
        metrics.flushes = flushes;
        appliedSinceFlush = false;
        // the page is for reading, and rendering it costs more than the rest of a flush: while the
        // records keep coming (counts still catching up with facts) it follows at its own pace; a
        // flush that has read everything there is and adds up renders it, so the page is never
        // behind the files once the flow stops (and is there when a waiter on that state wakes)
        long now = System.nanoTime();
        checkPage();
        boolean settled = lag(partitions) == 0 && consistent;
        boolean idle = page == null || page.isDone();
        if (settled || idle && now - lastReport >= settings.reportInterval().toNanos()) {
            // the data is taken from the tables here; turning it into a page of megabytes and
            // writing it happen on the page thread while this one goes on reading and flushing
            // (one page at a time, in order, so an older page never replaces a newer one)
            ReportPage.Data data = ReportPage.data(tables, settings.heatmapPairs(), settings.articlesPerCell());
            page = pages.submit(() -> {
                long started = System.nanoTime();
                long cpu = threadCpu();
                AtomicFiles.write(dir, REPORT, out -> ReportPage.write(data, out));
                // one page thread: it alone writes these counters
                metrics.pageRenderCpuNanos += threadCpu() - cpu;
                metrics.pageRenderNanos += System.nanoTime() - started;
                metrics.pageRenders++;
                return null;
            });
            if (settled) {
                // nothing more is coming: the page is there when a waiter on this state wakes
                awaitPage();
            }
            reportNanos = System.nanoTime() - now;
            lastReport = now;
            reportBehind = false;
        } else {
            reportNanos = 0;
            reportBehind = true;
        }
        published();
    }

    /** Fails the writer, as a failed flush does, if the last page could not be written. */
    private void checkPage() throws IOException {
        if (page != null && page.isDone()) {
            awaitPage();
        }
    }

    private void awaitPage() throws IOException {
        try {
            page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the report page was written", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write the report page: " + cause, cause);
        }
    }

    /**
     * The files now show the tables: tells the flush listeners and the waiters, on this thread,
     * through a view of the tables that copies nothing (a copy of 200,000 articles and 300,000
     * counts on every flush cost as much as writing the files), and copies the tables only for a
     * caller of {@link #state()}.
     */
    private void published() {
        ViewState live = tables.live(flushes);
        metrics.articles = tables.articles.size();
        metrics.consistent = live.consistent();
        for (java.util.function.Consumer<ViewState> listener : flushListeners) {
            listener.accept(live);
        }
        newWaiter = false;
        for (Waiter w : waiters) {
            w.test(live);
        }
        long requests = stateRequests.get();
        if (requests > stateServed) {
            state = tables.snapshot(flushes);
            stateServed = requests;
        }
        synchronized (stateLock) {
            stateLock.notifyAll();
        }
    }

    private static final class Waiter {
        private final Predicate<ViewState> condition;
        private volatile boolean met;
        private volatile RuntimeException error;

        Waiter(Predicate<ViewState> condition) {
            this.condition = condition;
        }

        void test(ViewState s) {
            if (met || error != null) {
                return;
            }
            try {
                met = condition.test(s);
            } catch (RuntimeException e) {
                error = e;
            }
        }
    }

    /**
     * Calls the listener after every flush, on the writer's thread, with what the files now show;
     * the state it gets is valid only during the call, and the listener must be quick.
     */
    public void addFlushListener(java.util.function.Consumer<ViewState> listener) {
        flushListeners.add(listener);
    }

    public void removeFlushListener(java.util.function.Consumer<ViewState> listener) {
        flushListeners.remove(listener);
    }

    private long lag(List<TopicPartition> partitions) {
        long total = 0;
        for (TopicPartition tp : partitions) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        return total;
    }

    /** How long the last flush took: it grows with the views, since every file is rewritten whole. */
    public Duration lastFlushTime() {
        return Duration.ofNanos(metrics.lastFlushNanos);
    }

    /**
     * Where the writer's time went so far; differences between two calls measure a phase. The
     * page's own thread: how many pages it wrote, in how long, and its CPU time for them.
     */
    public record Timings(long flushes, long applyNanos, long flushNanos, long flushCpuNanos, long pageNanos,
                          long pageRenders, long pageRenderNanos, long pageRenderCpuNanos) {
        public Timings since(Timings earlier) {
            return new Timings(flushes - earlier.flushes, applyNanos - earlier.applyNanos, flushNanos - earlier.flushNanos,
                    flushCpuNanos - earlier.flushCpuNanos, pageNanos - earlier.pageNanos, pageRenders - earlier.pageRenders,
                    pageRenderNanos - earlier.pageRenderNanos, pageRenderCpuNanos - earlier.pageRenderCpuNanos);
        }

        /** The mean time of these flushes, in ms (0 if there were none). */
        public double meanFlushMs() {
            return flushNanos / 1e6 / Math.max(1, flushes);
        }

        /** The mean CPU time of these flushes on the writer's thread, in ms (0 if there were none). */
        public double meanFlushCpuMs() {
            return flushCpuNanos / 1e6 / Math.max(1, flushes);
        }

        /** The flushes' CPU time on the writer's thread, in ms per article of a phase of {@code articles}. */
        public double flushCpuMsPer(long articles) {
            return flushCpuNanos / 1e6 / articles;
        }

        /** The share of a phase of {@code seconds} that the writer spent applying records, in percent. */
        public double applyingPercentOf(double seconds) {
            return 100 * applyNanos / 1e9 / seconds;
        }
    }

    public Timings timings() {
        return new Timings(metrics.flushes, metrics.applyNanos, metrics.flushNanos, metrics.flushCpuNanos, metrics.pageNanos,
                metrics.pageRenders, metrics.pageRenderNanos, metrics.pageRenderCpuNanos);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** This thread's CPU time, 0 where the JVM cannot tell (then flushes count no CPU time). */
    private static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /**
     * What the files show now, as a copy: made by the writer at its next turn (within a poll, or
     * after the flush in progress), so it costs a copy of the tables per call, not per flush.
     * Once the writer has stopped, the last copy made.
     */
    public ViewState state() throws InterruptedException {
        long request = stateRequests.incrementAndGet();
        synchronized (stateLock) {
            while (stateServed < request && !stopped) {
                stateLock.wait(100);
            }
            return state;
        }
    }

    /**
     * Waits until the flushed views satisfy the condition.
     *
     * @return false on timeout
     * @throws IllegalStateException if the writer stopped with an error meanwhile
     */
    public boolean awaitFlushedState(Predicate<ViewState> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter waiter = new Waiter(condition);
        waiters.add(waiter);
        newWaiter = true;
        try {
            synchronized (stateLock) {
                while (!waiter.met) {
                    if (waiter.error != null) {
                        throw waiter.error;
                    }
                    if (failure != null) {
                        throw new IllegalStateException("the view writer stopped: " + failure.getMessage(), failure);
                    }
                    if (stopped) {
                        return false;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    stateLock.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                }
                return true;
            }
        } finally {
            waiters.remove(waiter);
        }
    }

    public String prometheusMetrics() {
        return metrics.render();
    }

    public Path outDir() {
        return settings.outDir();
    }

    /** Stops the loop; the caller's thread that runs {@link #run()} closes nothing else. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    /** A growable byte buffer without the locks of {@link java.io.ByteArrayOutputStream}. */
    static final class Bytes extends java.io.OutputStream {
        private byte[] buf = new byte[1 << 16];
        private int count;

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        void reset() {
            count = 0;
        }

        void writeTo(java.io.OutputStream out) throws IOException {
            out.write(buf, 0, count);
        }
    }
}
