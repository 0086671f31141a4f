package org.entente.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.entente.common.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose file describes the same stack as the code: same image family, roles and topics. */
class ComposeFileTest {
    private static final Path HOME = Path.of(System.getProperty("entente.home", ".."));

    @Test
    void composeRunsKafkaThenStreamsViewsAndReplayOfTheSeeds() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(HOME.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.get("services");

        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:4.3.1");
        assertThat(services.get("kafka").has("healthcheck")).isTrue();
        assertThat(services.get("streams").get("command").get(0).asText()).isEqualTo("streams");
        assertThat(services.get("views").get("command").toString())
                .isEqualTo("[\"views\",\"--out\",\"/views\",\"--metrics-listen\",\"0.0.0.0:7071\"]");
        assertThat(services.get("views").get("volumes").get(0).asText()).isEqualTo("./views:/views");
        assertThat(services.get("replay").get("command").toString()).isEqualTo("[\"replay\",\"/opt/entente/seeds\"]");
        assertThat(services.get("streams").get("depends_on").get("kafka").get("condition").asText())
                .isEqualTo("service_healthy");
        // the streams app runs the image's entrypoint on the throughput collector, as `entente streams` does
        String image = Files.readAllLines(HOME.resolve("Dockerfile")).stream().filter(l -> l.startsWith("ENTRYPOINT "))
                .findFirst().orElseThrow().substring("ENTRYPOINT ".length());
        List<String> streamsEntrypoint = new ArrayList<>();
        new ObjectMapper().readTree(image).forEach(n -> streamsEntrypoint.add(n.asText()));
        streamsEntrypoint.add(streamsEntrypoint.indexOf("-jar"), "-XX:+UseParallelGC");
        List<String> declared = new ArrayList<>();
        services.get("streams").get("entrypoint").forEach(n -> declared.add(n.asText()));
        assertThat(declared).isEqualTo(streamsEntrypoint).contains("-XX:+UseParallelGC", "/opt/entente/entente.jar");
        assertThat(services.get("views").has("entrypoint")).isFalse();
        // --scale streams=2 needs instances without a fixed name or host port
        assertThat(services.get("streams").has("container_name")).isFalse();
        assertThat(services.get("streams").has("ports")).isFalse();
    }

    @Test
    void everyTopicNamedInComposeIsATopicOfTheCode() throws IOException {
        String text = Files.readString(HOME.resolve("docker-compose.yml"));
        Matcher m = Pattern.compile("--topic\", \"([a-z-]+)\"").matcher(text);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).containsExactly(Topics.PAIR_DOMAIN_COUNTS);
        assertThat(Topics.ALL).containsAll(named);
    }
}
