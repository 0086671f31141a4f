package org.entente.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.entente.cli.Main;
import org.entente.common.EntenteConfig;
import org.entente.common.Json;
import org.entente.streams.StreamsApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** 'entente query' answers from the live state stores of a running streams app. */
class QueryIT {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");

    @TempDir
    Path data;

    @Test
    void answersPairDomainAndTopFromTheLiveStores() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(data.resolve("kafka"), 0))) {
            String bootstrap = broker.bootstrapServers();
            assertThat(Main.run("demo", "--bootstrap-servers", bootstrap, "--data", data.toString(),
                    "--set", "entente.topic.replication.factor=1", "--seeds", SEEDS.toString())).isZero();
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String listen = "localhost:" + port;
            StreamsApp app = StreamsApp.start(EntenteConfig.of(Map.of("bootstrap.servers", bootstrap,
                    "entente.state.dir", data.resolve("streams-2").toString(), "entente.topic.replication.factor", "1",
                    StreamsApp.QUERY_LISTEN, listen)));
            try {
                assertThat(app.awaitRunning(Duration.ofSeconds(120))).isTrue();
                JsonNode pair = Json.MAPPER.readTree(query("pair", "KZ-VN", "--json", "--url", "http://" + listen));
                assertThat(pair.get("articles").asLong()).isEqualTo(1);
                Map<String, Long> domains = new TreeMap<>();
                pair.get("domains").fields().forEachRemaining(e -> domains.put(e.getKey(), e.getValue().asLong()));
                Map<String, Long> expected = new TreeMap<>();
                SeedExpectations.KZ_VN_DOMAINS.forEach(d -> expected.put(d, 1L));
                assertThat(domains).isEqualTo(expected);
                assertThat(pair.get("months").toString()).isEqualTo("{\"2025-05\":1}");

                assertThat(query("domain", "trade", "--json", "--url", "http://" + listen).strip())
                        .isEqualTo("{\"domain\":\"trade\",\"articles\":2}");
                assertThat(query("top", "--by", "pairs", "--url", "http://" + listen)).isEqualTo(String.join("\n",
                        "pair   articles", "-----  --------", "KG-VN         1", "KZ-VN         1", ""));

                HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + listen + "/pair/FR-JP")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(missing.statusCode()).isEqualTo(404);
                assertThat(missing.body()).isEqualTo("{\"error\":\"no article links FR-JP\"}");
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + listen + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("entente_streams_state{state=\"RUNNING\"} 1")
                        .contains("kafka_stream_thread_metrics_process_total{");
            } finally {
                app.close(Duration.ofSeconds(30));
            }
        }
    }

    private static String query(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 1];
            full[0] = "query";
            System.arraycopy(args, 0, full, 1, args.length);
            assertThat(Main.run(full)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
