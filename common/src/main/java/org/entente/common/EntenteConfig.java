package org.entente.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configuration of every Entente command, resolved in one order: defaults in code, then an
 * optional properties file, then environment variables, then command-line flags; each layer
 * overrides the one before.
 *
 * <p>Keys starting with {@code entente.} are Entente's own settings. Every other key is a Kafka
 * client setting and is passed unchanged to every producer, consumer, admin client and Streams
 * instance a command creates: that is how TLS and SASL reach the clients without a line of
 * Entente code per option.
 *
 * <p>Environment: {@code ENTENTE_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers};
 * {@code ENTENTE_KAFKA_SASL_JAAS_CONFIG} sets the Kafka setting {@code sasl.jaas.config}
 * (any {@code ENTENTE_KAFKA_*}); any other {@code ENTENTE_VIEWS_DIR} sets
 * {@code entente.views.dir}.
 */
public final class EntenteConfig {
    public static final String PREFIX = "entente.";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|secret|jaas|token|credential|\\.key$|keystore\\.key).*");
    private static final String MASK = "[hidden]";

    private final Map<String, String> values;

    private EntenteConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @param defaults Entente defaults for the command
     * @param file     properties file, or null
     * @param env      environment (normally {@code System.getenv()})
     * @param flags    settings given on the command line, already as keys
     */
    public static EntenteConfig load(Map<String, String> defaults, Path file, Map<String, String> env,
                                     Map<String, String> flags) {
        Map<String, String> merged = new TreeMap<>();
        merged.put(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP);
        merged.putAll(defaults);
        if (file != null) {
            merged.putAll(readFile(file));
        }
        merged.putAll(fromEnvironment(env));
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new EntenteConfig(merged);
    }

    public static EntenteConfig of(Map<String, String> values) {
        return load(Map.of(), null, Map.of(), values);
    }

    static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).strip()));
        return out;
    }

    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith("ENTENTE_") || value == null) {
                return;
            }
            String rest = name.substring("ENTENTE_".length());
            if (rest.equals("BOOTSTRAP_SERVERS")) {
                out.put(BOOTSTRAP_SERVERS, value);
            } else if (rest.startsWith("KAFKA_")) {
                out.put(dotted(rest.substring("KAFKA_".length())), value);
            } else if (!rest.isEmpty()) {
                out.put(PREFIX + dotted(rest), value);
            }
        });
        return out;
    }

    private static String dotted(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + v + "'");
        }
    }

    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        String v = values.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v.strip());
    }

    public String bootstrapServers() {
        return values.get(BOOTSTRAP_SERVERS);
    }

    /** Kafka client settings only (every key not under {@code entente.}), for any client. */
    public Properties clientProperties() {
        Properties props = new Properties();
        values.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                props.put(k, v);
            }
        });
        return props;
    }

    /** A copy with more settings on top. */
    public EntenteConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new EntenteConfig(merged);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Whether a setting's value must never be printed. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** Every setting, secrets masked: safe for a log line. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? MASK : v));
        return shown.toString();
    }
}
