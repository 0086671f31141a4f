package org.entente.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.entente.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark on a small corpus: every figure is there and the views are exact. No speed is asserted. */
class BenchIT {
    @TempDir
    Path dir;

    @Test
    void producesEveryFigureAndExactViews() throws Exception {
        Path json = dir.resolve("bench.json");
        Bench.Result result = new Bench(new Bench.Settings(2000, 5, dir.resolve("work"), json, 1, 3, 200, 1, 2),
                new PrintStream(new ByteArrayOutputStream())).run();
        assertThat(result.correct()).isTrue();
        JsonNode node = Json.MAPPER.readTree(json.toFile());
        assertThat(node.get("correct").asBoolean()).isTrue();
        // the run records the options of both JVMs: this one's as it was started, and the streams
        // app's, which take this one's huge pages (if any) before their own heap limit and logging
        assertThat(strings(node.get("jvm").get("bench"))).isEqualTo(ManagementFactory.getRuntimeMXBean().getInputArguments());
        List<String> streamsJvm = new ArrayList<>(JvmOptions.inherited());
        streamsJvm.addAll(Bench.streamsOptions(System.getenv("ENTENTE_BENCH_STREAMS_JAVA_OPTS")));
        assertThat(strings(node.get("jvm").get("streams"))).isEqualTo(streamsJvm);
        if (System.getenv("ENTENTE_BENCH_STREAMS_JAVA_OPTS") == null) {
            // the collector entente streams runs on, and what the streams heap figures are measured with
            assertThat(strings(node.get("jvm").get("streams"))).contains("-Xmx512m", "-XX:+UseParallelGC");
        }
        assertThat(node.get("articles").asInt()).isEqualTo(2000);
        // fewer partitions than a deployment's default: the counts do not depend on how the topics are cut
        assertThat(node.get("partitions").asInt()).isEqualTo(2);
        for (String field : List.of("bytes", "raw_produce_per_s", "raw_consume_per_s", "extract_per_s", "e2e_per_s",
                "e2e_ratio_to_raw_produce", "views_last_flush_ms", "views_mean_flush_ms_at_rate", "views_mean_flush_cpu_ms_at_rate", "views_pages", "views_mean_page_ms",
                "views_mean_page_cpu_ms", "streams_heap_max_mb", "streams_heap_live_mb", "views_e2e_flushes", "views_e2e_mean_flush_ms",
                "views_e2e_flush_cpu_ms_per_article")) {
            assertThat(node.get(field).asDouble()).as(field).isPositive();
        }
        // Kafka Streams alone over the same records, with its CPU per record on each side
        JsonNode passThrough = node.get("passthrough");
        assertThat(passThrough.get("per_s").asDouble()).isPositive();
        assertThat(passThrough.get("ratio_to_raw_produce").asDouble())
                .isCloseTo(passThrough.get("per_s").asDouble() / node.get("raw_produce_per_s").asDouble(), within(0.01));
        for (String field : List.of("streams", "broker", "streams_jit", "broker_jit")) {
            assertThat(passThrough.get("cpu_ms_per_article").get(field).asDouble()).as("passthrough " + field).isPositive();
        }
        assertThat(passThrough.get("cpu_ms_per_article").get("streams_jit").asDouble())
                .isLessThanOrEqualTo(passThrough.get("cpu_ms_per_article").get("streams").asDouble());
        for (String field : List.of("cpu_cores_streams", "cpu_cores_broker_producer_views")) {
            assertThat(node.get("latency_ms").get(field).asDouble()).as(field).isPositive();
        }
        for (String field : List.of("rate_per_s", "p50", "p99", "max", "count_topics_p50", "count_topics_p99")) {
            assertThat(node.get("latency_ms").get(field).isNumber()).as(field).isTrue();
        }
        // 800 articles sent over 4 s, the first second a warm-up: every one of them in a row of the
        // seconds, the rows in order from 0, and those of the warm-up left out of the percentiles
        JsonNode latency = node.get("latency_ms");
        assertThat(latency.get("warmup_s").asInt()).isEqualTo(1);
        JsonNode seconds = latency.get("by_second");
        int articles = 0;
        int measured = 0;
        for (int i = 0; i < seconds.size(); i++) {
            JsonNode row = seconds.get(i);
            assertThat(row.get("second").asInt()).isEqualTo(i);
            assertThat(row.get("warmup").asBoolean()).isEqualTo(i == 0);
            assertThat(row.get("p99").asDouble()).isLessThanOrEqualTo(row.get("max").asDouble());
            articles += row.get("articles").asInt();
            measured += i == 0 ? 0 : row.get("articles").asInt();
        }
        assertThat(articles).isEqualTo(800);
        assertThat(seconds.size()).isBetween(4, 5);
        assertThat(latency.get("samples").asInt()).isEqualTo(measured);
        assertThat(latency.get("warmup_samples").asInt()).isEqualTo(800 - measured);
        // the pacing sends about 200 a second; a stall may move a few across the line
        assertThat(measured).isBetween(550, 650);
        // every measured article is also seen on the count topics, before any view writer
        assertThat(latency.get("count_topics_samples").asInt()).isEqualTo(measured);
        for (String field : List.of("streams", "broker_producer_views", "bound_per_s")) {
            assertThat(node.get("cpu_ms_per_article").get(field).asDouble()).as(field).isPositive();
        }
        assertThat(node.get("cpu_ms_per_article").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        // the compilers took some of the CPU, so the pipeline's own work allows more
        assertThat(node.get("cpu_ms_per_article").get("bound_without_jit_per_s").isIntegralNumber()).isTrue();
        assertThat(node.get("cpu_ms_per_article").get("bound_without_jit_per_s").asDouble())
                .isGreaterThan(node.get("cpu_ms_per_article").get("bound_per_s").asDouble());
        // the share of the JIT compilers (Linux): both fresh JVMs compile through the end-to-end
        // phase, and what they compile is part of what each process spent
        for (String process : List.of("streams", "broker_producer_views")) {
            double jit = node.get("cpu_ms_per_article").get(process + "_jit").asDouble();
            assertThat(jit).as(process + "_jit").isPositive()
                    .isLessThanOrEqualTo(node.get("cpu_ms_per_article").get(process).asDouble());
            double jitCores = latency.get("cpu_cores_" + process + "_jit").asDouble();
            assertThat(jitCores).as("cpu_cores_" + process + "_jit").isNotNegative()
                    .isLessThanOrEqualTo(latency.get("cpu_cores_" + process).asDouble());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
