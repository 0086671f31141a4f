package org.entente.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.entente.common.EntenteConfig;
import org.entente.extract.Extractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueryServerTest {
    @TempDir
    Path state;

    @Test
    void answersClearlyWhileTheAppIsNotRunningYet() throws Exception {
        EntenteConfig config = EntenteConfig.of(Map.of("bootstrap.servers", "localhost:1",
                StreamsSettings.STATE_DIR, state.toString()));
        KafkaStreams streams = new KafkaStreams(EntenteTopology.build(config, Extractor.standard()), StreamsSettings.properties(config));
        try (QueryServer server = QueryServer.start(streams, "localhost:0", new HostInfo("localhost", 1))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/pair/KZ-VN")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"error\":\"the streams app is CREATED (rebalancing or restoring); ask again in a few seconds\"}");
        } finally {
            streams.close();
        }
    }
}
