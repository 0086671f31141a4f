package org.entente.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * @param dataDir    log directory; the cluster id is kept beside the data so a restart reuses it
 * @param port       client port on localhost, 0 for any free port
 * @param overrides  broker settings on top of the defaults
 * @param scramUsers empty: PLAINTEXT clients; otherwise clients must authenticate with
 *                   SASL/SCRAM-SHA-512 as one of these users
 */
public record BrokerSettings(Path dataDir, int port, Map<String, String> overrides, List<ScramUser> scramUsers) {
    public BrokerSettings {
        overrides = Map.copyOf(overrides);
        scramUsers = List.copyOf(scramUsers);
    }

    public static BrokerSettings plaintext(Path dataDir, int port) {
        return new BrokerSettings(dataDir, port, Map.of(), List.of());
    }
}
