package org.entente.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.entente.common.EntenteConfig;
import org.entente.extract.Extractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real RocksDB stores, through the topology test driver: no broker needed. */
class LocalStateTest {
    @TempDir
    Path dir;

    private static Properties properties(Path stateDir) {
        return StreamsSettings.properties(EntenteConfig.of(Map.of(StreamsSettings.STATE_DIR, stateDir.toString())));
    }

    private static TopologyTestDriver driver(Path stateDir) {
        EntenteConfig config = EntenteConfig.of(Map.of(StreamsSettings.STATE_DIR, stateDir.toString()));
        return new TopologyTestDriver(EntenteTopology.build(config, Extractor.standard()), properties(stateDir));
    }

    private static Path applicationDir(Path stateDir) {
        return stateDir.resolve(properties(stateDir).getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    void rocksDbWillNotOpenAStoreAKilledProcessWasCreating() throws Exception {
        Path state = dir.resolve("state");
        plantStates(applicationDir(state));

        // the failure a restarted instance met, every time it tried
        assertThatThrownBy(() -> driver(state).close()).hasStackTraceContaining("wal_dir contains existing log file");
    }

    @Test
    void theTaskOfSuchAStoreIsRemovedAndTheTopologyOpens() throws Exception {
        Path state = dir.resolve("state");
        Path application = applicationDir(state);
        plantStates(application);

        assertThat(LocalState.removeHalfCreatedStores(application)).containsExactly(application.resolve("0_0"));
        assertThat(application.resolve("0_0")).doesNotExist();
        assertThat(application.resolve("1_2").resolve("rocksdb").resolve(EntenteTopology.PAIR_STATS_STORE).resolve("CURRENT"))
                .exists();
        assertThat(application.resolve("0_3")).isDirectory();
        try (TopologyTestDriver driver = driver(state)) {
            assertThat(driver.getKeyValueStore(EntenteTopology.DOMAIN_STATS_STORE).approximateNumEntries()).isZero();
        }
        assertThat(LocalState.removeHalfCreatedStores(state.resolve("no-such-application"))).isEmpty();
    }

    @Test
    void aDirectoryAnInstanceIsRunningOnIsLeftAlone() throws Exception {
        Path state = dir.resolve("state");
        Path application = applicationDir(state);
        plantStates(application);

        // the lock Kafka Streams takes on the directory, held here by this process
        try (FileChannel channel = FileChannel.open(application.resolve(".lock"),
                     StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(LocalState.removeHalfCreatedStores(application)).isEmpty();
            assertThat(application.resolve("0_0").resolve("rocksdb")).isDirectory();
        }
        assertThat(LocalState.removeHalfCreatedStores(application)).containsExactly(application.resolve("0_0"));
    }

    /**
     * Task 0_0 as a process killed while RocksDB created one of its stores leaves it (a write-ahead
     * log, no CURRENT); 1_2 with a store that was created; 0_3 without stores.
     */
    private static void plantStates(Path application) throws IOException {
        Path halfCreated = application.resolve("0_0").resolve("rocksdb").resolve(EntenteTopology.DOMAIN_STATS_STORE);
        Files.createDirectories(halfCreated);
        Files.write(halfCreated.resolve("000017.log"), new byte[0]);
        Files.write(application.resolve("0_0").resolve(".checkpoint"), new byte[0]);
        Path whole = application.resolve("1_2").resolve("rocksdb").resolve(EntenteTopology.PAIR_STATS_STORE);
        Files.createDirectories(whole);
        for (String file : new String[] {"CURRENT", "MANIFEST-000005", "000004.log"}) {
            Files.write(whole.resolve(file), new byte[0]);
        }
        Files.createDirectories(application.resolve("0_3"));
    }
}
