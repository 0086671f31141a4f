package org.entente.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.ArticleId;
import org.entente.common.Contributions;
import org.entente.common.EntenteConfig;
import org.entente.common.Json;
import org.entente.common.JsonSerdes;
import org.entente.common.Progress;
import org.entente.common.TopicSetup;
import org.entente.common.articles.JsonLinesFormat;
import org.entente.common.Topics;
import org.entente.consumer.ViewSettings;
import org.entente.consumer.ViewState;
import org.entente.consumer.ViewWriter;
import org.entente.extract.ExtractionBench;
import org.entente.extract.Extractor;
import org.entente.producer.ProducerSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One run on one embedded broker: extraction alone on one thread (in a JVM of its own, before the
 * broker starts), the raw Kafka baseline (plain producer and consumer over the same serialized
 * articles), the whole pipeline end to end (the real
 * producer settings, the topology in a JVM of its own with a bounded heap, the view writer), the
 * latency at a steady offered rate, whether the final views equal the generator's ground truth,
 * and last Kafka Streams alone passing the raw topic's records on ({@link PassThroughProcess}):
 * what the framework costs before Entente does anything.
 */
public final class Bench {
    static final String RAW_TOPIC = "bench-raw";

    /**
     * @param articles        records in the corpus (corrections and retractions included)
     * @param latencyWarmupSeconds how long the steady-rate phase offers articles before those it measures
     * @param latencySeconds  how long it then offers the articles it measures
     * @param latencyRate     the offered rate of that phase, articles per second
     * @param partitions      of every topic, Entente's and the raw baseline's; the internal topics
     *                        follow ({@code entente.topic.partitions} of a real deployment)
     */
    public record Settings(int articles, long seed, Path workDir, Path json, int latencyWarmupSeconds, int latencySeconds,
                           int latencyRate, int streamThreads, int partitions) {
        public Settings {
            if (partitions < 1) {
                throw new IllegalArgumentException("topics need at least 1 partition (got " + partitions + ")");
            }
            // the steady-rate phase measures from its first article after the warm-up: there must be one
            if (latencyWarmupSeconds < 0 || latencySeconds < 1 || latencyRate < 1) {
                throw new IllegalArgumentException("the latency phase needs a warm-up of 0 s or more (got " + latencyWarmupSeconds
                        + "), at least 1 measured second (got " + latencySeconds + ") and a rate of at least 1 /s (got "
                        + latencyRate + ")");
            }
        }
    }

    /**
     * @param p50           over the articles sent after the warm-up; so are p99, max and samples
     * @param topicsP50     the same measure on the count topics themselves (read_committed, as any
     *                      client reads them): the streams app's share of the latency
     * @param warmupSamples the articles sent during the warm-up, in {@code bySecond} only
     * @param streamsCores  CPU time of the streams process from the first measured send until the
     *                      last article was seen, divided by that time: the cores it kept busy
     * @param restCores     the same for this process (broker, producer, view writer, the watchers)
     * @param streamsJitCores of {@code streamsCores}, the part its JIT compilers took (NaN without
     *                      Linux's {@code /proc}); {@code restJitCores} the same for this process
     */
    public record Latency(double ratePerSecond, int warmupSeconds, int warmupSamples, double p50, double p99, double max,
                          int samples, double topicsP50, double topicsP99, int topicsSamples, List<Second> bySecond,
                          double streamsCores, double restCores, double streamsJitCores, double restJitCores) {
        Latency withCores(CpuSpent cores) {
            return new Latency(ratePerSecond, warmupSeconds, warmupSamples, p50, p99, max, samples, topicsP50, topicsP99,
                    topicsSamples, bySecond, cores.streams(), cores.own(), cores.streamsJit(), cores.ownJit());
        }
    }

    /**
     * The articles sent in one second of the steady-rate phase and their latencies: a tail comes
     * from the whole phase, or from a few seconds where the machine stalled.
     *
     * @param second    seconds since the first send
     * @param topicsP99 the same on the count topics (NaN if none of them was seen there)
     * @param warmup    sent during the warm-up: not in the phase's percentiles
     */
    public record Second(int second, int articles, double p50, double p99, double max, double topicsP99, boolean warmup) {
    }

    public record Result(int articles, long bytes, double rawProducePerSecond, double rawConsumePerSecond,
                         double extractPerSecond, double extractMegabytesPerSecond, double endToEndPerSecond,
                         double endToEndSeconds, double streamsSeconds, Cpu cpu, Latency latency, double viewsFlushMs,
                         double viewsMeanFlushMs, double viewsMeanFlushCpuMs, long viewsPages, double viewsMeanPageMs,
                         double viewsMeanPageCpuMs, double streamsHeapMaxMb, double streamsHeapLiveMb, boolean correct,
                         List<String> benchJvm, List<String> streamsJvm, PassThrough passThrough,
                         ViewWriter.Timings viewsDuringE2e) {
        public double ratioToRawProduce() {
            return endToEndPerSecond / rawProducePerSecond;
        }
    }

    /**
     * Kafka Streams alone ({@link PassThroughProcess}) over the raw topic: records per second from
     * its first record until it has committed the last, and the CPU per record of its process
     * ({@code streams}) and of this one ({@code own}: the broker), compilers included.
     */
    public record PassThrough(double perSecond, CpuSpent cpu) {
        double ratioTo(double rawProducePerSecond) {
            return perSecond / rawProducePerSecond;
        }
    }

    /**
     * CPU spent during the end-to-end phase, per article: in the streams process, and in this one
     * (broker, producer, view writer). With every core busy, {@code cores * 1000 / (streams + rest)}
     * articles per second is what the machine allows, whatever the tuning of waits. Of each, the
     * part its JIT compilers took ({@link CompilerCpu}; NaN without Linux's {@code /proc}): a cost
     * of the run's length, not of the pipeline, that a longer run spreads thinner.
     */
    public record Cpu(double streamsMsPerArticle, double restMsPerArticle, int cores, double streamsJitMsPerArticle,
                      double restJitMsPerArticle) {
        public double boundPerSecond() {
            return perSecondAt(streamsMsPerArticle + restMsPerArticle);
        }

        /**
         * The same bound with the compilers' CPU taken out: what the rest of the run's work
         * allowed. Code still warming up runs slower than compiled code, so a pipeline that has run
         * for long does somewhat better. NaN when the compilers' part is not known.
         */
        public double boundWithoutJitPerSecond() {
            return perSecondAt(streamsMsPerArticle + restMsPerArticle - streamsJitMsPerArticle - restJitMsPerArticle);
        }

        /** Articles a second when each takes {@code msPerArticle} of CPU and every core is busy. */
        private double perSecondAt(double msPerArticle) {
            return cores * 1000.0 / msPerArticle;
        }
    }

    /**
     * The wall clock, the CPU time of the streams process and of this one, and of each one's JIT
     * compilers ({@link CompilerCpu}: null without Linux's {@code /proc}), at one moment.
     */
    private record CpuReading(long wall, long streams, long own, Map<Long, Long> streamsJit, Map<Long, Long> ownJit) {
        static CpuReading take(Process streams) {
            return new CpuReading(System.nanoTime(), cpuNanos(streams), ownCpuNanos(), CompilerCpu.PROC.read(streams.pid()),
                    CompilerCpu.PROC.read(ProcessHandle.current().pid()));
        }

        /** The cores kept busy since an earlier reading: CPU time over wall time. */
        CpuSpent coresSince(CpuReading before) {
            return since(before, Math.max(1, wall - before.wall));
        }

        /** Nanoseconds spent since an earlier reading, divided by {@code per}. */
        CpuSpent since(CpuReading before, double per) {
            return new CpuSpent((streams - before.streams) / per, (own - before.own) / per,
                    CompilerCpu.nanosBetween(before.streamsJit, streamsJit) / per, CompilerCpu.nanosBetween(before.ownJit, ownJit) / per);
        }
    }

    /** CPU time between two {@link CpuReading}s, in some unit: the streams process, this one, and their compilers' parts. */
    record CpuSpent(double streams, double own, double streamsJit, double ownJit) {
    }

    private final Settings settings;
    private final PrintStream out;

    public Bench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws Exception {
        Files.createDirectories(settings.workDir());
        JvmOptions.notices().forEach(notice -> out.println("note: " + notice));
        out.printf("generating %,d articles (seed %d) ...%n", settings.articles(), settings.seed());
        CorpusGenerator generator = new CorpusGenerator(new GeneratorSettings(settings.articles(), settings.seed(), 0.05, 0.01));
        List<GeneratedArticle> corpus = generator.all();
        GroundTruth truth = generator.truth();
        generator = null;
        int corpusSize = corpus.size();
        List<byte[]> keys = new ArrayList<>(corpus.size());
        List<byte[]> values = new ArrayList<>(corpus.size());
        long bytes = 0;
        var serializer = JsonSerdes.serializer(Article.class);
        // loops by index over the corpus: the hidden iterator of a for-each stays in this method's
        // frame while it runs interpreted, and kept the corpus from the collection before the
        // latency phase in some runs (1.8 GB left instead of 0.8)
        for (int i = 0; i < corpus.size(); i++) {
            GeneratedArticle g = corpus.get(i);
            byte[] k = g.article().id().getBytes(StandardCharsets.UTF_8);
            byte[] v = g.retraction() ? null : serializer.serialize(Topics.ARTICLES, g.article());
            keys.add(k);
            values.add(v);
            bytes += k.length + (v == null ? 0 : v.length);
        }

        List<Article> sample = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            GeneratedArticle g = corpus.get(i);
            if (!g.retraction() && sample.size() < 20_000) {
                sample.add(g.article());
            }
        }
        ExtractionBench.Throughput extraction = extraction(sample, Duration.ofSeconds(settings.articles() >= 50_000 ? 10 : 3));
        // the corpus is let go before the latency phase: so is this view of it
        sample = null;
        out.printf("extraction: %,.0f articles/s, %.1f MB/s on one thread%n", extraction.articlesPerSecond(),
                extraction.megabytesPerSecond());

        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(settings.workDir().resolve("kafka"), 0))) {
            String bootstrap = broker.bootstrapServers();
            Properties admin = new Properties();
            admin.put("bootstrap.servers", bootstrap);
            try (Admin a = Admin.create(admin)) {
                TopicSetup.ensure(a, settings.partitions(), (short) 1);
                a.createTopics(List.of(new NewTopic(RAW_TOPIC, settings.partitions(), (short) 1).configs(Map.of("max.message.bytes", "16777216"))))
                        .all().get(60, TimeUnit.SECONDS);
            }
            double rawProduce = rawProduce(bootstrap, keys, values);
            out.printf("raw produce: %,.0f records/s%n", rawProduce);
            double rawConsume = rawConsume(bootstrap, keys.size());
            out.printf("raw consume: %,.0f records/s%n", rawConsume);

            EntenteConfig config = EntenteConfig.of(Map.of(EntenteConfig.BOOTSTRAP_SERVERS, bootstrap,
                    ViewSettings.DIR, settings.workDir().resolve("views").toString(), "entente.topic.replication.factor", "1"));
            StreamsChild streams = startStreams(bootstrap);
            ViewWriter views = new ViewWriter(new KafkaConsumer<>(ViewSettings.consumerProperties(config),
                    new StringDeserializer(), new ByteArrayDeserializer()), ViewSettings.from(config));
            Thread viewThread = new Thread(views, "bench-views");
            viewThread.start();
            double heapMb;
            double heapLiveMb;
            double e2e;
            double e2eSeconds;
            double streamsSeconds;
            Cpu cpu;
            boolean correct;
            Latency latency;
            double viewsFlushMs;
            ViewWriter.Timings viewsDuringLatency;
            long pages;
            double pageMs;
            double pageCpuMs;
            double latencyPhaseSeconds;
            ViewWriter.Timings viewsDuringE2e;
            try {
                ViewWriter.Timings viewsAtStart = views.timings();
                CpuReading cpuAtStart = CpuReading.take(streams.process());
                long start = cpuAtStart.wall();
                CatchUp streamsCatchUp = new CatchUp(bootstrap, "entente-streams", start, 0);
                try (KafkaProducer<String, Article> producer = new KafkaProducer<>(ProducerSettings.forFiles(config),
                        new StringSerializer(), JsonSerdes.serializer(Article.class))) {
                    Progress progress = Progress.onStderr("e2e publish", corpus.size());
                    for (int i = 0; i < corpus.size(); i++) {
                        GeneratedArticle g = corpus.get(i);
                        producer.send(new ProducerRecord<>(Topics.ARTICLES, g.article().id(), g.retraction() ? null : g.article()));
                        progress.advance(1);
                    }
                    producer.flush();
                    streamsCatchUp.published();
                    progress.finish();
                }
                Duration wait = Duration.ofSeconds(120 + settings.articles() / 500);
                if (!views.awaitFlushedState(reaching(truth.versions()), wait)) {
                    throw new IllegalStateException("the views did not reach the expected state within " + wait);
                }
                e2eSeconds = (System.nanoTime() - start) / 1e9;
                viewsDuringE2e = views.timings().since(viewsAtStart);
                e2e = corpusSize / e2eSeconds;
                CpuSpent perArticle = CpuReading.take(streams.process()).since(cpuAtStart, 1e6 * corpusSize);
                cpu = new Cpu(perArticle.streams(), perArticle.own(), Runtime.getRuntime().availableProcessors(),
                        perArticle.streamsJit(), perArticle.ownJit());
                out.printf("CPU per article: %.2f ms in the streams app, %.2f ms in broker, producer and views: at most %,.0f/s on %d cores"
                                + " (compiling: %.2f + %.2f ms)%n", cpu.streamsMsPerArticle(), cpu.restMsPerArticle(), cpu.boundPerSecond(),
                        cpu.cores(), cpu.streamsJitMsPerArticle(), cpu.restJitMsPerArticle());
                streamsSeconds = streamsCatchUp.await();
                out.printf("end to end: %,.0f articles/s (%,d in %.1f s; the streams app had committed all its input after %.1f s)%n",
                        e2e, corpusSize, e2eSeconds, streamsSeconds);
                out.printf("view writer in that phase: %d flushes of %.0f ms on average (%.0f ms of it on the CPU), %.3f ms of "
                                + "flushing CPU per article; applying records %.0f%% of the time%n", viewsDuringE2e.flushes(),
                        viewsDuringE2e.meanFlushMs(),
                        viewsDuringE2e.meanFlushCpuMs(),
                        viewsDuringE2e.flushCpuMsPer(corpusSize), viewsDuringE2e.applyingPercentOf(e2eSeconds));
                correct = views.state().counts().equals(truth.counts());
                out.println("views equal the ground truth: " + correct);
                // the corpus, as articles and serialized, and its truth are a gigabyte and millions
                // of objects that no broker or view writer holds: let go of them and collect them
                // now, so that the collections of the latency phase mark and copy what the
                // pipeline holds, not what the benchmark kept to check it
                corpus = null;
                truth = null;
                keys = null;
                values = null;
                System.gc();
                // the streams app's heap once every article went through it, garbage aside: what
                // its state holds in memory (the stores are on disk)
                heapLiveMb = streams.liveHeapMb();
                out.printf("streams heap after a full collection: %.0f MB%n", heapLiveMb);
                ViewWriter.Timings before = views.timings();
                long latencyStart = System.nanoTime();
                latency = latency(config, views, streams.process());
                viewsDuringLatency = views.timings().since(before);
                latencyPhaseSeconds = (System.nanoTime() - latencyStart) / 1e9;
                viewsFlushMs = views.lastFlushTime().toNanos() / 1e6;
                out.printf("latency at %d/s, the %,d articles sent after a warm-up of %d s: p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                                + "(on the count topics: p50 %.0f ms, p99 %.0f ms)%n", settings.latencyRate(), latency.samples(),
                        latency.warmupSeconds(), latency.p50(), latency.p99(), latency.max(), latency.topicsP50(), latency.topicsP99());
                out.printf("CPU from the first measured send to the last article seen: %.2f cores in the streams app, %.2f in "
                        + "broker, producer and views, of %d (compiling: %.2f + %.2f)%n", latency.streamsCores(), latency.restCores(),
                        cpu.cores(), latency.streamsJitCores(), latency.restJitCores());
                out.println(bySecondTable(latency.bySecond()));
                out.printf("view writer in that phase: %d flushes of %.0f ms on average (%.0f ms of it on the CPU, %.0f ms taking "
                                + "the page's data), applying records %.0f%% of the time%n", viewsDuringLatency.flushes(),
                        viewsDuringLatency.meanFlushMs(),
                        viewsDuringLatency.meanFlushCpuMs(),
                        viewsDuringLatency.pageNanos() / 1e6 / Math.max(1, viewsDuringLatency.flushes()),
                        viewsDuringLatency.applyingPercentOf(latencyPhaseSeconds));
                ViewWriter.Timings whole = views.timings();
                pages = whole.pageRenders();
                pageMs = whole.pageRenderNanos() / 1e6 / Math.max(1, pages);
                pageCpuMs = whole.pageRenderCpuNanos() / 1e6 / Math.max(1, pages);
                out.printf("report page, end to end and latency phases: %d pages of %.0f ms on average on its own thread "
                        + "(%.0f ms of it on the CPU)%n", pages, pageMs, pageCpuMs);
            } finally {
                views.close();
                viewThread.join(60_000);
                heapMb = stopStreams(streams);
            }
            PassThrough passThrough = passThrough(bootstrap, corpusSize);
            out.printf("Kafka Streams passing the raw topic's records on, nothing else: %,.0f records/s (%.2f of raw produce), "
                            + "%.3f ms of CPU per record in its process + %.3f ms in the broker (compiling: %.3f + %.3f ms)%n",
                    passThrough.perSecond(), passThrough.ratioTo(rawProduce), passThrough.cpu().streams(),
                    passThrough.cpu().own(), passThrough.cpu().streamsJit(), passThrough.cpu().ownJit());
            Result result = new Result(corpusSize, bytes, rawProduce, rawConsume, extraction.articlesPerSecond(),
                    extraction.megabytesPerSecond(), e2e, e2eSeconds, streamsSeconds, cpu, latency, viewsFlushMs,
                    viewsDuringLatency.meanFlushMs(),
                    viewsDuringLatency.meanFlushCpuMs(), pages, pageMs,
                    pageCpuMs, heapMb, heapLiveMb, correct, JvmOptions.own(), streams.options(), passThrough, viewsDuringE2e);
            write(result);
            return result;
        }
    }

    /** The views hold every article in the given version, and their counts add up. */
    private static java.util.function.Predicate<ViewState> reaching(Map<String, String> versions) {
        return s -> s.consistent() && s.articleVersions().equals(versions);
    }

    static final String PASS_THROUGH_TOPIC = "bench-passthrough";

    /**
     * The raw topic read and written again by Kafka Streams alone, in a fresh JVM with the streams
     * app's options and settings: the framework's own cost, beside which the pipeline's reads. It
     * runs last, on a broker whose code the run has compiled, so it is the framework at its best.
     */
    private PassThrough passThrough(String bootstrap, int records) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, settings.partitions(), (short) 1)
                    .configs(Map.of("max.message.bytes", "16777216")))).all().get(60, TimeUnit.SECONDS);
        }
        // the streams app's default options: ENTENTE_BENCH_STREAMS_JAVA_OPTS (a recording file, say)
        // is meant for the streams app alone
        List<String> options = childOptions(streamsOptions(null));
        Process p = new ProcessBuilder(childJvm(options, PassThroughProcess.class, bootstrap,
                settings.workDir().resolve("passthrough-state").toString(), RAW_TOPIC, PASS_THROUGH_TOPIC))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            java.util.concurrent.CompletableFuture<CpuReading> first = new java.util.concurrent.CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.equals(PassThroughProcess.FIRST)) {
                            first.complete(CpuReading.take(p));
                        }
                    }
                } catch (IOException e) {
                    // the process is gone; a missing first record is reported below
                }
                first.completeExceptionally(new IllegalStateException("the pass-through process ended before its first record"));
            }, "bench-passthrough-output");
            reader.setDaemon(true);
            reader.start();
            CpuReading start = first.get(3, TimeUnit.MINUTES);
            CatchUp catchUp = new CatchUp(bootstrap, PassThroughProcess.APPLICATION_ID, start.wall(), records);
            catchUp.published();
            double seconds = catchUp.await(Duration.ofSeconds(120 + records / 500));
            if (Double.isNaN(seconds)) {
                throw new IllegalStateException("the pass-through process did not commit all " + records + " records in time");
            }
            CpuSpent perRecord = CpuReading.take(p).since(start, 1e6 * records);
            return new PassThrough(records / seconds, perRecord);
        } finally {
            stop(p);
        }
    }

    /** Asks a child JVM to stop (its shutdown hook closes its Kafka Streams), then kills it if it does not. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private double rawProduce(String bootstrap, List<byte[]> keys, List<byte[]> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", "lz4");
        p.put("linger.ms", "10");
        p.put("batch.size", Integer.toString(512 * 1024));
        p.put("buffer.memory", Long.toString(128L * 1024 * 1024));
        p.put("max.request.size", Integer.toString(17 * 1024 * 1024));
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < keys.size(); i++) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, keys.get(i), values.get(i)));
            }
            producer.flush();
        }
        return keys.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double rawConsume(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
        p.put("max.poll.records", "10000");
        long start = System.nanoTime();
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(RAW_TOPIC).forEach(i -> parts.add(new TopicPartition(RAW_TOPIC, i.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (seen < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                }
            }
        }
        if (seen < expected) {
            throw new IllegalStateException("raw consume read " + seen + " of " + expected + " records");
        }
        return seen / ((System.nanoTime() - start) / 1e9);
    }

    /** The streams process, the thread that reads what it prints, its answers to "gc", and its JVM options. */
    private record StreamsChild(Process process, Thread reader, java.util.concurrent.BlockingQueue<Long> heapAfterGc,
                                List<String> options) {
        /** Asks the process for a full collection and the heap it leaves: what its state really holds. */
        double liveHeapMb() throws IOException, InterruptedException {
            var in = process.getOutputStream();
            in.write("gc\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            Long bytes = heapAfterGc.poll(60, TimeUnit.SECONDS);
            if (bytes == null) {
                throw new IllegalStateException("the streams process did not report its heap after a collection");
            }
            return bytes / (1024.0 * 1024.0);
        }
    }

    /**
     * Extraction alone on one thread, in a JVM of its own ({@link ExtractionProcess}), before the
     * broker starts: what one core extracts when nothing else runs.
     */
    private ExtractionBench.Throughput extraction(List<Article> sample, Duration duration)
            throws IOException, InterruptedException {
        Path file = settings.workDir().resolve("extraction-sample.jsonl");
        Files.createDirectories(settings.workDir());
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < sample.size(); i++) {
                // the feed format entente generate writes and entente replay reads
                w.write(JsonLinesFormat.format(sample.get(i)));
                w.newLine();
            }
        }
        List<String> command = childJvm(childOptions(List.of("-Xmx1g")), ExtractionProcess.class, file.toString(),
                Long.toString(duration.toSeconds()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // a child that hangs must not hang the bench: warm-up and measurement take twice the duration
        var watchdog = CompletableFuture.runAsync(p::destroyForcibly,
                CompletableFuture.delayedExecutor(duration.toSeconds() * 2 + 120, TimeUnit.SECONDS));
        String result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(ExtractionProcess.RESULT)) {
                    result = line.substring(ExtractionProcess.RESULT.length());
                }
            }
        }
        int exit = p.waitFor();
        watchdog.cancel(false);
        Files.deleteIfExists(file);
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the extraction process (" + ExtractionProcess.class.getSimpleName()
                    + ") ended with exit code " + exit + (result == null ? " without printing its result" : ""));
        }
        String[] f = result.trim().split(" ");
        return new ExtractionBench.Throughput(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    /** What this JVM passes on ({@link JvmOptions#inherited}), then a child's own options, which win. */
    static List<String> childOptions(List<String> own) {
        return childOptions(JvmOptions.inherited(), own);
    }

    static List<String> childOptions(List<String> inherited, List<String> own) {
        List<String> options = new ArrayList<>(inherited);
        options.addAll(own);
        return options;
    }

    /** A JVM on this one's Java and class path: {@code java <options> -cp <class path> <main> <args>}. */
    static List<String> childJvm(List<String> options, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Names a garbage collector, as {@code -XX:+UseG1GC} does. */
    private static final java.util.regex.Pattern COLLECTOR =
            java.util.regex.Pattern.compile("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC");

    /**
     * The streams process's own options: the heap limit, the collector {@code entente streams}
     * runs on (the throughput one, see the {@code entente} command) unless {@code extra} names
     * another, quiet logs, then {@code extra} (blank-separated, may be null).
     */
    static List<String> streamsOptions(String extra) {
        List<String> given = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        List<String> own = new ArrayList<>(List.of("-Xmx512m"));
        if (given.stream().noneMatch(o -> COLLECTOR.matcher(o).matches())) {
            own.add("-XX:+UseParallelGC");
        }
        own.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error"));
        own.addAll(given);
        return own;
    }

    private StreamsChild startStreams(String bootstrap) throws IOException, InterruptedException {
        // e.g. -XX:StartFlightRecording=filename=streams.jfr to see where the streams process spends its time
        List<String> own = streamsOptions(System.getenv("ENTENTE_BENCH_STREAMS_JAVA_OPTS"));
        List<String> options = List.copyOf(childOptions(own));
        ProcessBuilder pb = new ProcessBuilder(childJvm(options, StreamsProcess.class, bootstrap,
                settings.workDir().resolve("streams-state").toString(), Integer.toString(settings.streamThreads())));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.BlockingQueue<Long> heapAfterGc = new java.util.concurrent.LinkedBlockingQueue<>();
        // one reader for the child's whole life: reading while the process exits from two places fails
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("RUNNING")) {
                        running.countDown();
                    } else if (line.startsWith(StreamsProcess.HEAP_AFTER_GC)) {
                        heapAfterGc.add(Long.parseLong(line.substring(StreamsProcess.HEAP_AFTER_GC.length()).trim()));
                    }
                }
            } catch (IOException e) {
                // the child is gone; what it printed before is kept
            }
        }, "bench-streams-output");
        reader.start();
        if (!running.await(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the streams process did not start within 3 minutes");
        }
        return new StreamsChild(p, reader, heapAfterGc, options);
    }

    private double stopStreams(StreamsChild child) throws InterruptedException, IOException {
        Path peakFile = settings.workDir().resolve("streams-state").resolve("peak-heap-bytes");
        String peak = Files.exists(peakFile) ? Files.readString(peakFile).strip() : "";
        stop(child.process());
        child.reader().join(10_000);
        return peak.isEmpty() ? Double.NaN : Long.parseLong(peak) / (1024.0 * 1024.0);
    }

    /**
     * Offers fresh articles at a steady rate and measures, for each, the time from its send to the
     * first flush of the views that lists its facts and whose counts of its keys each reach past its
     * offset (the {@code entente-through} header): counted, however many other articles are in flight.
     */
    private Latency latency(EntenteConfig config, ViewWriter views, Process streams) throws InterruptedException {
        int warmup = settings.latencyRate() * settings.latencyWarmupSeconds();
        int total = warmup + settings.latencyRate() * settings.latencySeconds();
        // wall clock and CPU when the first measured article is sent
        CpuReading[] cpuAtMeasuring = new CpuReading[1];
        java.util.concurrent.CountDownLatch measuringStarted = new java.util.concurrent.CountDownLatch(1);
        CorpusGenerator generator = new CorpusGenerator(new GeneratorSettings(total, settings.seed() + 1, 0, 0));
        List<Article> fresh = new ArrayList<>(total);
        while (generator.hasNext()) {
            Article a = generator.next().article();
            String title = a.title() + " [live]";
            fresh.add(new Article(ArticleId.of(a.source(), a.date(), title), a.date(), title, a.body(), a.source(), null));
        }
        // what each article must change in the views: its version listed and its count keys settled
        Extractor extractor = Extractor.standard();
        Map<String, String> versionOf = new HashMap<>();
        Map<String, Map<String, Set<String>>> keysOf = new HashMap<>();
        for (Article a : fresh) {
            ArticleFacts facts = extractor.extract(a);
            versionOf.put(a.id(), facts.version());
            Contributions c = Contributions.of(facts);
            Map<String, Set<String>> keys = new HashMap<>();
            Topics.COUNT_TOPICS.forEach(topic -> keys.put(topic, c.keysFor(topic)));
            keysOf.put(a.id(), keys);
        }
        // sentAt: not yet seen in the views (the views' watcher removes what it sees); sendTimes: all
        Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> sendTimes = new java.util.concurrent.ConcurrentHashMap<>();
        // the ids in the order their sends were acknowledged, for the watch of the count topics
        java.util.Queue<String> landed = new java.util.concurrent.ConcurrentLinkedQueue<>();
        // where each article landed: the views know it is counted once a count reaches past it
        Map<String, long[]> landedAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> seenAfter = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong sendingNanos = new AtomicLong();
        // a live feed: the replay producer's settings without compression; at this rate a batch
        // holds an article or two, and LZ4 allocates two 64 KB buffers per batch, which was a fifth
        // of all this process allocated in the phase (JFR), and so of the young collections that
        // pause the broker and the view writer sharing it
        Properties live = ProducerSettings.properties(config);
        live.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        Thread sender = new Thread(() -> {
            try (KafkaProducer<String, Article> producer = new KafkaProducer<>(live,
                    new StringSerializer(), JsonSerdes.serializer(Article.class))) {
                long start = System.nanoTime();
                long interval = 1_000_000_000L / settings.latencyRate();
                for (int i = 0; i < fresh.size(); i++) {
                    long due = start + i * interval;
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    Article a = fresh.get(i);
                    if (i == warmup) {
                        cpuAtMeasuring[0] = CpuReading.take(streams);
                        measuringStarted.countDown();
                    }
                    long sendTime = System.nanoTime();
                    producer.send(new ProducerRecord<>(Topics.ARTICLES, a.id(), a), (metadata, e) -> {
                        if (e == null) {
                            landedAt.put(a.id(), new long[] {metadata.partition(), metadata.offset()});
                            sendTimes.put(a.id(), sendTime);
                            landed.add(a.id());
                            sentAt.put(a.id(), sendTime);
                        }
                    });
                    sent.incrementAndGet();
                }
                sendingNanos.set(System.nanoTime() - start);
            }
        }, "bench-latency-sender");
        // checked on the writer's thread right after each flush: the moment the files show it
        java.util.function.Consumer<ViewState> watcher = state -> {
            long now = System.nanoTime();
            for (var it = sentAt.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Long> e = it.next();
                String id = e.getKey();
                long[] at = landedAt.get(id);
                if (state.includes(id, versionOf.get(id), (int) at[0], at[1], keysOf.get(id))) {
                    seenAfter.put(id, now - e.getValue());
                    it.remove();
                }
            }
        };
        views.addFlushListener(watcher);
        Map<String, Long> onTopicsAfter = new java.util.concurrent.ConcurrentHashMap<>();
        TopicsWatch topicsWatch = new TopicsWatch(config, landed, sendTimes, landedAt, keysOf, onTopicsAfter);
        topicsWatch.start();
        sender.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.latencyWarmupSeconds() + settings.latencySeconds() + 120L);
        try {
            while (seenAfter.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            views.removeFlushListener(watcher);
            topicsWatch.stop();
        }
        CpuReading cpuAtEnd = CpuReading.take(streams);
        sender.join();
        if (seenAfter.size() < total) {
            throw new IllegalStateException("only " + seenAfter.size() + " of " + total + " articles reached the views");
        }
        // every article was sent, the first measured one too
        measuringStarted.await();
        double offered = sent.get() / (Math.max(1, sendingNanos.get()) / 1e9);
        return summary(Math.min(offered, settings.latencyRate()), settings.latencyWarmupSeconds(), sendTimes, seenAfter,
                onTopicsAfter).withCores(cpuAtEnd.coresSince(cpuAtMeasuring[0]));
    }

    /**
     * The phase's figures: percentiles over the articles sent from the end of the warm-up on (by the
     * second of sending, as in {@link #bySecond}), and every second of sending, warm-up included.
     */
    static Latency summary(double rate, int warmupSeconds, Map<String, Long> sendTimes, Map<String, Long> seenAfter,
                           Map<String, Long> onTopicsAfter) {
        TreeMap<Integer, List<String>> ids = bySecondOfSending(sendTimes);
        List<String> measured = new ArrayList<>();
        ids.tailMap(warmupSeconds).values().forEach(measured::addAll);
        int warmupSamples = sendTimes.size() - measured.size();
        long[] ms = measured.stream().filter(seenAfter::containsKey).mapToLong(id -> seenAfter.get(id) / 1_000_000).sorted().toArray();
        long[] topicsMs = measured.stream().filter(onTopicsAfter::containsKey).mapToLong(id -> onTopicsAfter.get(id) / 1_000_000)
                .sorted().toArray();
        return new Latency(rate, warmupSeconds, warmupSamples, ms.length == 0 ? Double.NaN : percentile(ms, 0.50),
                ms.length == 0 ? Double.NaN : percentile(ms, 0.99), ms.length == 0 ? Double.NaN : ms[ms.length - 1], ms.length,
                topicsMs.length == 0 ? Double.NaN : percentile(topicsMs, 0.50),
                topicsMs.length == 0 ? Double.NaN : percentile(topicsMs, 0.99), topicsMs.length,
                bySecond(sendTimes, seenAfter, onTopicsAfter, warmupSeconds), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static TreeMap<Integer, List<String>> bySecondOfSending(Map<String, Long> sendTimes) {
        long first = sendTimes.values().stream().mapToLong(Long::longValue).min().orElse(0);
        TreeMap<Integer, List<String>> ids = new TreeMap<>();
        sendTimes.forEach((id, at) -> ids.computeIfAbsent((int) ((at - first) / 1_000_000_000L), k -> new ArrayList<>()).add(id));
        return ids;
    }

    /** Latencies grouped by the second, counted from the first send, in which each article was sent. */
    static List<Second> bySecond(Map<String, Long> sendTimes, Map<String, Long> seenAfter, Map<String, Long> onTopicsAfter,
                                 int warmupSeconds) {
        TreeMap<Integer, List<String>> ids = bySecondOfSending(sendTimes);
        List<Second> out = new ArrayList<>();
        ids.forEach((second, inSecond) -> {
            long[] views = inSecond.stream().filter(seenAfter::containsKey).mapToLong(id -> seenAfter.get(id) / 1_000_000)
                    .sorted().toArray();
            long[] topics = inSecond.stream().filter(onTopicsAfter::containsKey)
                    .mapToLong(id -> onTopicsAfter.get(id) / 1_000_000).sorted().toArray();
            if (views.length > 0) {
                out.add(new Second(second, views.length, percentile(views, 0.50), percentile(views, 0.99),
                        views[views.length - 1], topics.length == 0 ? Double.NaN : percentile(topics, 0.99), second < warmupSeconds));
            }
        });
        return out;
    }

    /**
     * Reads the count topics from their ends (read_committed) and notes, for each article sent,
     * when every count it contributes to has been published past the offset it landed at: the
     * moment the streams app's output reflects it, before any view writer.
     */
    private static final class TopicsWatch {
        private final Thread thread;
        private volatile boolean running = true;

        TopicsWatch(EntenteConfig config, java.util.Queue<String> landed, Map<String, Long> sentAt, Map<String, long[]> landedAt,
                    Map<String, Map<String, Set<String>>> keysOf, Map<String, Long> seenAfter) {
            Properties p = new Properties();
            p.put("bootstrap.servers", config.bootstrapServers());
            p.put("isolation.level", "read_committed");
            p.put("enable.auto.commit", "false");
            thread = new Thread(() -> {
                Map<String, Map<String, long[]>> reach = new HashMap<>();
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    for (String topic : Topics.COUNT_TOPICS) {
                        reach.put(topic, new HashMap<>());
                        consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                    }
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    // only the articles not yet seen are checked, and only when counts or articles came in
                    List<String> pending = new ArrayList<>();
                    while (running) {
                        var records = consumer.poll(Duration.ofMillis(20));
                        for (ConsumerRecord<String, byte[]> r : records) {
                            var header = r.headers().lastHeader(org.entente.common.Provenance.THROUGH);
                            if (header != null) {
                                reach.get(r.topic()).put(r.key(), org.entente.common.Provenance.parseThrough(header.value()));
                            }
                        }
                        boolean added = false;
                        for (String id = landed.poll(); id != null; id = landed.poll()) {
                            pending.add(id);
                            added = true;
                        }
                        if (records.isEmpty() && !added) {
                            continue;
                        }
                        long now = System.nanoTime();
                        pending.removeIf(id -> {
                            long[] at = landedAt.get(id);
                            if (!ViewState.reaches(reach, keysOf.get(id), (int) at[0], at[1])) {
                                return false;
                            }
                            seenAfter.put(id, now - sentAt.get(id));
                            return true;
                        });
                    }
                }
            }, "bench-topics-watch");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    /**
     * Watches the streams app's consumer group and notes when it has committed every record of its
     * input topics (articles and the count-deltas repartition topic): where the streams app's share
     * of the end-to-end time ends and the view writer's begins.
     */
    private static final class CatchUp {
        private final Thread thread;
        private volatile double seconds = Double.NaN;

        /**
         * Watches the committed offsets of the streams app {@code group}, from {@code start} (a
         * nanoTime), until they reach the ends of its topics and, on its input topics, add up to
         * at least {@code inputRecords}: a partition not committed yet is not in the group's list.
         */
        CatchUp(String bootstrap, String group, long start, long inputRecords) {
            thread = new Thread(() -> {
                Properties p = new Properties();
                p.put("bootstrap.servers", bootstrap);
                try (Admin admin = Admin.create(p)) {
                    while (!Thread.currentThread().isInterrupted()) {
                        boolean done = articlesDone;
                        Map<TopicPartition, OffsetAndMetadata> committed = admin
                                .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                        long inputEnd = 0;
                        long inputCommitted = 0;
                        boolean caughtUp = !committed.isEmpty();
                        for (var e : ends.entrySet()) {
                            OffsetAndMetadata c = committed.get(e.getKey());
                            caughtUp &= c != null && c.offset() >= e.getValue().offset();
                            // the app's internal topics are named after its application id
                            if (!e.getKey().topic().startsWith(group + "-")) {
                                inputEnd += e.getValue().offset();
                                inputCommitted += c == null ? 0 : c.offset();
                            }
                        }
                        caughtUp &= inputCommitted >= inputRecords;
                        if (caughtUp && inputEnd > 0 && done) {
                            seconds = (System.nanoTime() - start) / 1e9;
                            return;
                        }
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // the figure stays unknown; the run goes on
                }
            }, "bench-streams-catch-up");
            thread.setDaemon(true);
            thread.start();
        }

        private volatile boolean articlesDone;

        /** Every article is published: from now on, caught up means done. */
        void published() {
            articlesDone = true;
        }

        double await() throws InterruptedException {
            return await(Duration.ofMinutes(1));
        }

        /** Seconds from the start until caught up; NaN if not within {@code wait}. */
        double await(Duration wait) throws InterruptedException {
            thread.join(wait.toMillis());
            thread.interrupt();
            return seconds;
        }
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("the CPU time of process " + process.pid() + " cannot be read"));
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double percentile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private void write(Result r) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("articles", r.articles());
        json.put("bytes", r.bytes());
        json.put("partitions", settings.partitions());
        json.put("raw_produce_per_s", Math.round(r.rawProducePerSecond()));
        json.put("raw_consume_per_s", Math.round(r.rawConsumePerSecond()));
        json.put("extract_per_s", Math.round(r.extractPerSecond()));
        json.put("extract_mb_per_s", round(r.extractMegabytesPerSecond()));
        json.put("e2e_per_s", Math.round(r.endToEndPerSecond()));
        json.put("e2e_seconds", round(r.endToEndSeconds()));
        json.put("e2e_ratio_to_raw_produce", round(r.ratioToRawProduce()));
        json.put("streams_caught_up_s", round(r.streamsSeconds()));
        ObjectNode passThrough = json.putObject("passthrough");
        passThrough.put("per_s", Math.round(r.passThrough().perSecond()));
        passThrough.put("ratio_to_raw_produce", round(r.passThrough().ratioTo(r.rawProducePerSecond())));
        ObjectNode passThroughCpu = passThrough.putObject("cpu_ms_per_article");
        passThroughCpu.put("streams", round3(r.passThrough().cpu().streams()));
        passThroughCpu.put("broker", round3(r.passThrough().cpu().own()));
        passThroughCpu.put("streams_jit", round3(r.passThrough().cpu().streamsJit()));
        passThroughCpu.put("broker_jit", round3(r.passThrough().cpu().ownJit()));
        ObjectNode cpu = json.putObject("cpu_ms_per_article");
        cpu.put("streams", round(r.cpu().streamsMsPerArticle()));
        cpu.put("broker_producer_views", round(r.cpu().restMsPerArticle()));
        cpu.put("streams_jit", round(r.cpu().streamsJitMsPerArticle()));
        cpu.put("broker_producer_views_jit", round(r.cpu().restJitMsPerArticle()));
        cpu.put("cores", r.cpu().cores());
        cpu.put("bound_per_s", Math.round(r.cpu().boundPerSecond()));
        double withoutJit = r.cpu().boundWithoutJitPerSecond();
        if (Double.isNaN(withoutJit)) {
            cpu.put("bound_without_jit_per_s", withoutJit);
        } else {
            cpu.put("bound_without_jit_per_s", Math.round(withoutJit));
        }
        ObjectNode latency = json.putObject("latency_ms");
        latency.put("rate_per_s", Math.round(r.latency().ratePerSecond()));
        latency.put("warmup_s", r.latency().warmupSeconds());
        latency.put("warmup_samples", r.latency().warmupSamples());
        latency.put("p50", r.latency().p50());
        latency.put("p99", r.latency().p99());
        latency.put("max", r.latency().max());
        latency.put("samples", r.latency().samples());
        latency.put("count_topics_p50", r.latency().topicsP50());
        latency.put("count_topics_p99", r.latency().topicsP99());
        latency.put("count_topics_samples", r.latency().topicsSamples());
        latency.put("cpu_cores_streams", round(r.latency().streamsCores()));
        latency.put("cpu_cores_broker_producer_views", round(r.latency().restCores()));
        latency.put("cpu_cores_streams_jit", round(r.latency().streamsJitCores()));
        latency.put("cpu_cores_broker_producer_views_jit", round(r.latency().restJitCores()));
        var seconds = latency.putArray("by_second");
        for (Second s : r.latency().bySecond()) {
            ObjectNode row = seconds.addObject();
            row.put("second", s.second());
            row.put("articles", s.articles());
            row.put("p50", s.p50());
            row.put("p99", s.p99());
            row.put("max", s.max());
            row.put("count_topics_p99", s.topicsP99());
            row.put("warmup", s.warmup());
        }
        json.put("views_last_flush_ms", Math.round(r.viewsFlushMs()));
        // the flushes while the corpus went through: their CPU is part of the end-to-end phase's
        json.put("views_e2e_flushes", r.viewsDuringE2e().flushes());
        json.put("views_e2e_mean_flush_ms", round(r.viewsDuringE2e().meanFlushMs()));
        json.put("views_e2e_flush_cpu_ms_per_article", round3(r.viewsDuringE2e().flushCpuMsPer(r.articles())));
        json.put("views_mean_flush_ms_at_rate", Math.round(r.viewsMeanFlushMs()));
        json.put("views_mean_flush_cpu_ms_at_rate", round(r.viewsMeanFlushCpuMs()));
        json.put("views_pages", r.viewsPages());
        json.put("views_mean_page_ms", round(r.viewsMeanPageMs()));
        json.put("views_mean_page_cpu_ms", round(r.viewsMeanPageCpuMs()));
        json.put("streams_heap_max_mb", round(r.streamsHeapMaxMb()));
        json.put("streams_heap_live_mb", round(r.streamsHeapLiveMb()));
        json.put("streams_heap_limit_mb", 512);
        json.put("correct", r.correct());
        // a run's figures depend on its JVMs' memory settings (a heap touched before the run or
        // not, on huge pages or not): the record says which they were
        ObjectNode jvm = json.putObject("jvm");
        r.benchJvm().forEach(jvm.putArray("bench")::add);
        r.streamsJvm().forEach(jvm.putArray("streams")::add);
        Files.createDirectories(settings.json().toAbsolutePath().getParent());
        Files.write(settings.json(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        out.println();
        out.println(table(r));
        out.println("written to " + settings.json().toAbsolutePath());
    }

    /** One line per second of sending: where in the phase the tail is. */
    static String bySecondTable(List<Second> seconds) {
        StringBuilder b = new StringBuilder("  sent in second   articles   p50 ms   p99 ms   max ms   count topics p99 ms");
        for (Second s : seconds) {
            b.append(String.format(Locale.ROOT, "%n  %14d %10d %8.0f %8.0f %8.0f %21.0f%s", s.second(), s.articles(), s.p50(),
                    s.p99(), s.max(), s.topicsP99(), s.warmup() ? "   warm-up" : ""));
        }
        return b.toString();
    }

    static String table(Result r) {
        return String.join("\n",
                String.format(Locale.ROOT, "%-34s %,14d", "articles (records)", r.articles()),
                String.format(Locale.ROOT, "%-34s %,14d", "bytes", r.bytes()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s", "raw Kafka produce", r.rawProducePerSecond()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s", "raw Kafka consume", r.rawConsumePerSecond()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s  (%.1f MB/s)", "extraction, one thread", r.extractPerSecond(),
                        r.extractMegabytesPerSecond()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s  (%.2f of raw produce; %.3f ms CPU streams + %.3f ms broker)",
                        "Kafka Streams alone (pass-through)", r.passThrough().perSecond(),
                        r.passThrough().ratioTo(r.rawProducePerSecond()), r.passThrough().cpu().streams(),
                        r.passThrough().cpu().own()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s", "end to end", r.endToEndPerSecond()),
                String.format(Locale.ROOT, "%-34s %14.2f", "end to end / raw produce", r.ratioToRawProduce()),
                String.format(Locale.ROOT, "%-34s %14.1f s (views: %.1f s)", "streams app committed all input",
                        r.streamsSeconds(), r.endToEndSeconds()),
                String.format(Locale.ROOT, "%-34s %10.2f ms streams + %.2f ms broker, producer, views", "CPU per article",
                        r.cpu().streamsMsPerArticle(), r.cpu().restMsPerArticle()),
                String.format(Locale.ROOT, "%-34s %10.2f ms + %.2f ms", "  of which compiling (JIT)",
                        r.cpu().streamsJitMsPerArticle(), r.cpu().restJitMsPerArticle()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s (%d cores busy)", "CPU bound", r.cpu().boundPerSecond(), r.cpu().cores()),
                String.format(Locale.ROOT, "%-34s %,14.0f /s (the rest of the work)", "  without compiling",
                        r.cpu().boundWithoutJitPerSecond()),
                String.format(Locale.ROOT, "%-34s %10.0f ms p50, %.0f ms p99, %.0f ms max", "latency at " + Math.round(r.latency().ratePerSecond()) + "/s, after " + r.latency().warmupSeconds() + " s",
                        r.latency().p50(), r.latency().p99(), r.latency().max()),
                String.format(Locale.ROOT, "%-34s %10.0f ms p50, %.0f ms p99", "  of which on the count topics",
                        r.latency().topicsP50(), r.latency().topicsP99()),
                String.format(Locale.ROOT, "%-34s %10.2f cores streams + %.2f cores broker, producer, views (of %d)",
                        "  CPU at that rate", r.latency().streamsCores(), r.latency().restCores(), r.cpu().cores()),
                String.format(Locale.ROOT, "%-34s %10.2f cores + %.2f cores", "    of which compiling (JIT)",
                        r.latency().streamsJitCores(), r.latency().restJitCores()),
                String.format(Locale.ROOT, "%-34s %14.0f ms (%.0f ms of it on the CPU, the rest waiting for the disk or a core)",
                        "views: mean flush at that rate", r.viewsMeanFlushMs(), r.viewsMeanFlushCpuMs()),
                String.format(Locale.ROOT, "%-34s %14d flushes, %.3f ms of their CPU per article", "views: in end to end",
                        r.viewsDuringE2e().flushes(), r.viewsDuringE2e().flushCpuMsPer(r.articles())),
                String.format(Locale.ROOT, "%-34s %14.0f ms (%.0f ms of it on the CPU; %d pages, on a thread of their own)",
                        "views: report page", r.viewsMeanPageMs(), r.viewsMeanPageCpuMs(), r.viewsPages()),
                String.format(Locale.ROOT, "%-34s %14.0f MB (limit 512)", "streams peak heap", r.streamsHeapMaxMb()),
                String.format(Locale.ROOT, "%-34s %14.0f MB (after a full collection, all articles in)", "streams live heap",
                        r.streamsHeapLiveMb()),
                String.format(Locale.ROOT, "%-34s %14s", "views equal ground truth", r.correct()),
                String.format(Locale.ROOT, "%-34s %s", "JVM options: bench (broker, views)", String.join(" ", r.benchJvm())),
                String.format(Locale.ROOT, "%-34s %s", "  streams app", String.join(" ", r.streamsJvm())));
    }

    /** Three decimals, for CPU per record, where two would round the framework's share to a few values; NaN stays NaN. */
    private static double round3(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    /** Two decimals; NaN (a figure this machine cannot give) stays NaN rather than turning into 0. */
    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
