package org.entente.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) in this JVM,
 * started from the Maven artifacts: nothing to install, nothing in Docker.
 *
 * <p>The storage is formatted once; the cluster id is kept in {@code cluster.id} beside the log
 * directory so that a second start reuses the data instead of failing on a formatted directory.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final String CLUSTER_ID_FILE = "cluster.id";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    public static EmbeddedBroker start(BrokerSettings settings) {
        Path dir = settings.dataDir().toAbsolutePath();
        Path logs = dir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker data directory " + dir, e);
        }
        int[] free = freePorts(3);
        int port = settings.port() == 0 ? free[0] : settings.port();
        int controllerPort = free[1];
        int internalPort = free[2];
        Properties props = properties(settings, logs, port, controllerPort, internalPort);

        String clusterId = clusterId(dir);
        format(dir, logs, props, clusterId, settings.scramUsers());

        long started = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("Kafka broker did not start on port " + port + ": " + e.getMessage(), e);
        }
        String bootstrap = "localhost:" + port;
        LOG.info("Kafka broker started at {} in {} ms (data in {})", bootstrap,
                (System.nanoTime() - started) / 1_000_000, dir);
        return new EmbeddedBroker(server, bootstrap, dir);
    }

    static Properties properties(BrokerSettings settings, Path logs, int port, int controllerPort, int internalPort) {
        boolean sasl = !settings.scramUsers().isEmpty();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // clients on CLIENT; the node talks to itself on INTERNAL, which stays plaintext on
        // loopback so a SASL client listener needs no broker credentials
        p.put("listeners", "CLIENT://localhost:" + port + ",INTERNAL://localhost:" + internalPort
                + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://localhost:" + port + ",INTERNAL://localhost:" + internalPort);
        p.put("listener.security.protocol.map", "CLIENT:" + (sasl ? "SASL_PLAINTEXT" : "PLAINTEXT")
                + ",INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("log.dirs", logs.toString());
        // a single node: internal topics cannot have more replicas than one
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // nobody else joins this group coordinator: start rebalances at once
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "6");
        // articles up to 16 MiB may arrive (the poison-record path must be able to see them)
        p.put("message.max.bytes", "16777216");
        p.put("replica.fetch.max.bytes", "16777216");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.backoff.ms", "5000");
        if (sasl) {
            p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.putAll(settings.overrides());
        return p;
    }

    private static String clusterId(Path dir) {
        Path file = dir.resolve(CLUSTER_ID_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the cluster id in " + file, e);
        }
    }

    private static void format(Path dir, Path logs, Properties props, String clusterId, List<ScramUser> users) {
        if (Files.exists(logs.resolve("meta.properties"))) {
            return;
        }
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(out, "written by entente for formatting the storage");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString(),
                "--standalone", "--ignore-formatted"));
        for (ScramUser user : users) {
            args.add("--add-scram");
            args.add("SCRAM-SHA-512=[name=" + user.name() + ",password=" + user.password() + "]");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(args.toArray(String[]::new), out);
        } finally {
            try {
                // the file holds nothing secret, but it is only needed while formatting
                Files.deleteIfExists(config);
            } catch (IOException ignored) {
                // a stale copy of the settings is harmless
            }
        }
        if (code != 0) {
            throw new IllegalStateException("formatting the broker storage in " + logs + " failed: "
                    + captured.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Distinct free ports: every socket stays open until all are chosen, so the system cannot hand
     * out the same port twice (two listeners on one port fail the broker's start).
     */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                socket.setReuseAddress(true);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on localhost", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port was only reserved for a moment
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers);
    }
}
