package org.entente.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.entente.common.EntenteConfig;
import org.entente.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code entente query}: answers from the live Streams state through the streams app's HTTP
 * endpoint (interactive queries), without reading any file.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Ask the running streams app for live counts.",
                "  entente query pair KZ-VN", "  entente query domain energy", "  entente query top --by pairs"})
final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "pair, domain or top")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "a pair (KZ-VN) or a domain id (energy)")
    String key;

    @Option(names = "--by", defaultValue = "pairs", description = "with top: pairs, domains or pair-domains (default: ${DEFAULT-VALUE})")
    String by;

    @Option(names = "--limit", defaultValue = "10", description = "with top: how many rows (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print the JSON answer instead of a table")
    boolean json;

    @Option(names = "--url", paramLabel = "URL", description = "streams app query endpoint (default: http://<entente.query.listen>)")
    String url;

    @picocli.CommandLine.Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        EntenteConfig config = options.resolve(Map.of());
        String base = url != null ? url : "http://" + config.get("entente.query.listen", "localhost:7070");
        String path = switch (what) {
            case "pair", "domain" -> {
                if (key == null) {
                    throw new IllegalArgumentException("'query " + what + "' needs a key, e.g. 'entente query "
                            + what + (what.equals("pair") ? " KZ-VN'" : " energy'"));
                }
                yield "/" + what + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
            }
            case "top" -> "/top?by=" + URLEncoder.encode(by, StandardCharsets.UTF_8) + "&limit=" + limit;
            default -> throw new IllegalArgumentException("unknown query '" + what + "': use pair, domain or top");
        };
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("no streams app answers at " + base + " (start one with 'entente streams')", e);
        }
        if (response.statusCode() != 200) {
            System.err.println("entente: " + base + path + " answered " + response.statusCode() + ": " + response.body());
            return ExitCodes.FAILED;
        }
        if (json) {
            System.out.println(response.body());
        } else {
            printTable(Json.MAPPER.readTree(response.body()), System.out);
        }
        return ExitCodes.OK;
    }

    /** Any JSON answer as a table: an object of scalars is one row, arrays of objects many rows. */
    static void printTable(JsonNode answer, PrintStream out) {
        List<JsonNode> rows = new ArrayList<>();
        if (answer.isArray()) {
            answer.forEach(rows::add);
        } else if (answer.has("rows") && answer.get("rows").isArray()) {
            answer.get("rows").forEach(rows::add);
        } else {
            rows.add(answer);
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode row : rows) {
            row.fieldNames().forEachRemaining(f -> {
                if (!columns.contains(f)) {
                    columns.add(f);
                }
            });
        }
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> line = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.get(c);
                line.add(v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
            }
            cells.add(line);
        }
        out.print(TextTable.render(columns, cells));
    }
}
