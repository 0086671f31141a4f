package org.entente.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.entente.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Answers from the live state stores over HTTP (interactive queries), and serves the app's
 * metrics in Prometheus format.
 *
 * <ul>
 *   <li>{@code GET /pair/KZ-VN}: the pair's count, per domain and per month;</li>
 *   <li>{@code GET /domain/energy}: the domain's count;</li>
 *   <li>{@code GET /top?by=pairs|domains&limit=10}: the largest counts, merged over every instance;</li>
 *   <li>{@code GET /metrics}: Kafka Streams' metrics.</li>
 * </ul>
 * A key held by another instance is fetched from it ({@code application.server}); while the group
 * rebalances the answer is 503 with a message saying so.
 */
public final class QueryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final String LOCAL = "local=true";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QueryServer(KafkaStreams streams, HostInfo self, HttpServer server) {
        this.streams = streams;
        this.self = self;
        this.server = server;
    }

    /**
     * @param listen  {@code host:port} to bind (localhost unless told otherwise)
     * @param self    how other instances reach this one (the app's {@code application.server})
     */
    public static QueryServer start(KafkaStreams streams, String listen, HostInfo self) throws IOException {
        HostInfo bind = HostInfo.buildFromEndpoint(listen);
        HttpServer http = HttpServer.create(new InetSocketAddress(bind.host(), bind.port()), 0);
        QueryServer q = new QueryServer(streams, self, http);
        http.createContext("/", q::handle);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
        LOG.info("query server on http://{}:{}", bind.host(), http.getAddress().getPort());
        return q;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        try {
            if (path.equals("/metrics")) {
                send(exchange, 200, "text/plain; version=0.0.4", metrics());
            } else if (streams.state() != KafkaStreams.State.RUNNING) {
                send(exchange, 503, "application/json", error("the streams app is " + streams.state()
                        + " (rebalancing or restoring); ask again in a few seconds"));
            } else if (path.startsWith("/pair/")) {
                answerForKey(exchange, EntenteTopology.PAIR_STATS_STORE, decode(path.substring(6)), path, query, this::pair);
            } else if (path.startsWith("/domain/")) {
                answerForKey(exchange, EntenteTopology.DOMAIN_STATS_STORE, CountDeltas.DOMAIN_TOTALS_KEY, path, query,
                        key -> domain(decode(path.substring(8))));
            } else if (path.equals("/top")) {
                send(exchange, 200, "application/json", top(param(query, "by", "pairs"),
                        Integer.parseInt(param(query, "limit", "10")), query.contains(LOCAL)));
            } else {
                send(exchange, 404, "application/json", error("no such query: " + path
                        + " (try /pair/KZ-VN, /domain/energy, /top?by=pairs)"));
            }
        } catch (InvalidStateStoreException e) {
            send(exchange, 503, "application/json", error("state not queryable right now (" + e.getMessage()
                    + "); ask again in a few seconds"));
        } catch (NotFound e) {
            send(exchange, 404, "application/json", error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("query {} failed", path, e);
            send(exchange, 500, "application/json", error(e.getMessage()));
        }
    }

    private interface Answer {
        String of(String key) throws IOException;
    }

    private void answerForKey(HttpExchange exchange, String store, String key, String path, String query, Answer local)
            throws IOException {
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            send(exchange, 503, "application/json", error("no instance holds " + key + " yet (rebalancing); ask again"));
            return;
        }
        if (meta.activeHost().equals(self) || query.contains(LOCAL)) {
            send(exchange, 200, "application/json", local.of(key));
            return;
        }
        forward(exchange, meta.activeHost(), path + "?" + LOCAL);
    }

    private void forward(HttpExchange exchange, HostInfo host, String pathAndQuery) throws IOException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                    + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            send(exchange, r.statusCode(), "application/json", r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, "application/json", error("interrupted"));
        }
    }

    private String pair(String pair) throws IOException {
        PairStats stored = store(EntenteTopology.PAIR_STATS_STORE, PairStats.class).get(pair);
        if (stored == null || stored.articles() == 0) {
            throw new NotFound("no article links " + pair);
        }
        // zeros wait in the store for their tombstones to be published: not counts to show
        PairStats stats = stored.pruned();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("pair", pair);
        out.put("articles", stats.articles());
        out.set("domains", Json.MAPPER.valueToTree(stats.domains()));
        out.set("months", Json.MAPPER.valueToTree(stats.months()));
        return out.toString();
    }

    private String domain(String domain) {
        Long count = store(EntenteTopology.DOMAIN_STATS_STORE, Long.class).get(domain);
        if (count == null || count == 0) {
            throw new NotFound("no article names the domain " + domain);
        }
        return Json.MAPPER.createObjectNode().put("domain", domain).put("articles", count).toString();
    }

    private String top(String by, int limit, boolean localOnly) throws IOException {
        List<KeyValue<String, Long>> rows = new ArrayList<>();
        switch (by) {
            case "pairs" -> {
                if (localOnly) {
                    try (KeyValueIterator<String, PairStats> it = store(EntenteTopology.PAIR_STATS_STORE, PairStats.class).all()) {
                        it.forEachRemaining(kv -> {
                            if (kv.value.articles() != 0) {
                                rows.add(KeyValue.pair(kv.key, kv.value.articles()));
                            }
                        });
                    }
                } else {
                    for (StreamsMetadata m : streams.streamsMetadataForStore(EntenteTopology.PAIR_STATS_STORE)) {
                        String body = m.hostInfo().equals(self) ? top("pairs", Integer.MAX_VALUE, true)
                                : fetch(m.hostInfo(), "/top?by=pairs&limit=" + Integer.MAX_VALUE + "&" + LOCAL);
                        Json.MAPPER.readTree(body).get("rows").forEach(n -> rows.add(KeyValue.pair(n.get("pair").asText(),
                                n.get("articles").asLong())));
                    }
                }
            }
            case "domains" -> {
                try (KeyValueIterator<String, Long> it = store(EntenteTopology.DOMAIN_STATS_STORE, Long.class).all()) {
                    it.forEachRemaining(kv -> {
                        if (kv.value != 0) {
                            rows.add(KeyValue.pair(kv.key, kv.value));
                        }
                    });
                }
            }
            default -> throw new NotFound("top by '" + by + "': use pairs or domains");
        }
        rows.sort(Comparator.<KeyValue<String, Long>>comparingLong(kv -> -kv.value).thenComparing(kv -> kv.key));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("by", by);
        ArrayNode list = out.putArray("rows");
        String field = by.equals("pairs") ? "pair" : "domain";
        rows.stream().limit(limit).forEach(kv -> list.addObject().put(field, kv.key).put("articles", kv.value));
        return out.toString();
    }

    private String fetch(HostInfo host, String pathAndQuery) throws IOException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                    + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new InvalidStateStoreException("instance " + host + " answered " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        return (ReadOnlyKeyValueStore<String, V>) (ReadOnlyKeyValueStore<?, ?>) streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** Kafka Streams' own metrics, one gauge per metric and tag set. */
    String metrics() {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE entente_streams_state gauge\n").append("entente_streams_state{state=\"")
                .append(streams.state()).append("\"} 1\n");
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            Object value = e.getValue().metricValue();
            if (!(value instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
                continue;
            }
            MetricName m = e.getKey();
            String name = ("kafka_" + m.group() + "_" + m.name()).replaceAll("[^a-zA-Z0-9_]", "_").toLowerCase(Locale.ROOT);
            StringBuilder labels = new StringBuilder();
            m.tags().forEach((k, v) -> labels.append(labels.length() == 0 ? "" : ",")
                    .append(k.replaceAll("[^a-zA-Z0-9_]", "_")).append("=\"").append(v.replace("\"", "'")).append('"'));
            out.append(name).append('{').append(labels).append("} ").append(n.doubleValue()).append('\n');
        }
        return out.toString();
    }

    private static String param(String query, String name, String fallback) {
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return decode(kv.substring(eq + 1));
            }
        }
        return fallback;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message).toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
