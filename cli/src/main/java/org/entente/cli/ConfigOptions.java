package org.entente.cli;

import org.entente.common.EntenteConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options every command shares. Settings resolve as defaults, then {@code --config FILE}, then
 * {@code ENTENTE_*} environment variables, then flags ({@code --bootstrap-servers},
 * {@code --set key=value}). Secrets belong in the file or the environment, never on the command
 * line, where any user of the machine can read them.
 */
final class ConfigOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use (default: localhost:9092, or the embedded broker).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: entente.* settings and Kafka client settings (TLS, SASL...).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, overriding file and environment.")
    Map<String, String> settings = new LinkedHashMap<>();

    EntenteConfig resolve(Map<String, String> defaults) {
        return resolve(defaults, Map.of());
    }

    /** @param commandFlags settings named by a command's own options (null values ignored) */
    EntenteConfig resolve(Map<String, String> defaults, Map<String, String> commandFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        commandFlags.forEach((k, v) -> {
            if (v != null) {
                flags.put(k, v);
            }
        });
        if (bootstrapServers != null) {
            flags.put(EntenteConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        return EntenteConfig.load(defaults, configFile, System.getenv(), flags);
    }

    boolean bootstrapGiven(EntenteConfig config) {
        return bootstrapServers != null || System.getenv("ENTENTE_BOOTSTRAP_SERVERS") != null
                || (configFile != null && config.get(EntenteConfig.BOOTSTRAP_SERVERS) != null
                && !EntenteConfig.DEFAULT_BOOTSTRAP.equals(config.get(EntenteConfig.BOOTSTRAP_SERVERS)))
                || settings.containsKey(EntenteConfig.BOOTSTRAP_SERVERS);
    }
}
