package org.entente.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.entente.common.EntenteConfig;
import org.entente.streams.StreamsSettings;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka Streams with nothing of Entente's work: every record of a topic read and written to
 * another as it is, with the settings of the streams app (exactly-once, its commit interval, its
 * producer), in a JVM of its own as the streams app runs. What the framework itself costs per
 * article on this machine, against which the pipeline's figures read. Arguments: bootstrap
 * servers, state directory, input topic, output topic. Prints {@link #FIRST} when the first record
 * goes through; stops when its input closes, as {@link StreamsProcess} does.
 */
public final class PassThroughProcess {
    static final String APPLICATION_ID = "entente-bench-passthrough";
    static final String FIRST = "FIRST";

    private PassThroughProcess() {
    }

    /** Every record of {@code input} to {@code output}, bytes as they are; {@code first} runs on the first. */
    static Topology topology(String input, String output, Runnable first) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-source"))
                .peek(new FirstRecord(first), Named.as("passthrough-first"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("passthrough-sink"));
        return builder.build();
    }

    /** Runs an action on the first record only: a plain field, read and written by the stream thread alone. */
    private static final class FirstRecord implements org.apache.kafka.streams.kstream.ForeachAction<byte[], byte[]> {
        private final Runnable action;
        private boolean seen;

        FirstRecord(Runnable action) {
            this.action = action;
        }

        @Override
        public void apply(byte[] key, byte[] value) {
            if (!seen) {
                seen = true;
                action.run();
            }
        }
    }

    /** The streams app's own settings ({@link StreamsSettings}), under an application id of its own. */
    static Properties properties(String bootstrap, String stateDir) {
        return StreamsSettings.properties(EntenteConfig.of(Map.of(
                EntenteConfig.BOOTSTRAP_SERVERS, bootstrap,
                StreamsSettings.APPLICATION_ID, APPLICATION_ID,
                StreamsSettings.STATE_DIR, stateDir,
                StreamsSettings.REPLICATION_FACTOR, "1")));
    }

    public static void main(String[] args) throws Exception {
        KafkaStreams streams = new KafkaStreams(topology(args[2], args[3], () -> {
            System.out.println(FIRST);
            System.out.flush();
        }), properties(args[0], args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(30))));
        streams.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            while (in.readLine() != null) {
                // only the end of the input matters
            }
        }
        System.exit(0);
    }
}
