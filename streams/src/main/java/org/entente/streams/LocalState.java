package org.entente.streams;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state directory a killed process left behind, made fit to start from.
 *
 * <p>A process killed while RocksDB creates a store leaves the store's directory with a
 * write-ahead log ({@code 000017.log}) and no {@code CURRENT} file. RocksDB then refuses to open it
 * ("While creating a new Db, wal_dir contains existing log file"), every stream thread that is
 * given the task dies on it, and the app stops. Under exactly-once a task's local state is a copy
 * of its changelog topics that Kafka Streams rebuilds whenever it cannot trust it, so the task's
 * whole directory (stores and checkpoint) goes, and the task restores it from the changelogs.
 */
final class LocalState {
    private LocalState() {
    }

    /**
     * Removes, under one application's state directory ({@code <state.dir>/<application.id>}),
     * every task directory holding a store that was being created when its process stopped.
     *
     * @return the task directories removed
     */
    static List<Path> removeHalfCreatedStores(Path applicationDir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(applicationDir)) {
            return removed;
        }
        // the lock Kafka Streams holds on the directory while it runs: a directory another
        // instance is using is left to it (and Kafka Streams will not start on it anyway)
        try (FileChannel channel = FileChannel.open(applicationDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                return removed;
            }
            try (Stream<Path> tasks = Files.list(applicationDir)) {
                for (Path task : tasks.filter(Files::isDirectory).sorted().toList()) {
                    if (holdsHalfCreatedStore(task.resolve("rocksdb"))) {
                        deleteTree(task);
                        removed.add(task);
                    }
                }
            }
        }
        return removed;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this very process
            return null;
        }
    }

    /** A store directory, or a segment of one, with a write-ahead log and no CURRENT file. */
    private static boolean holdsHalfCreatedStore(Path rocksdb) throws IOException {
        if (!Files.isDirectory(rocksdb)) {
            return false;
        }
        try (Stream<Path> dirs = Files.walk(rocksdb, 2)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (!Files.exists(dir.resolve("CURRENT")) && hasWriteAheadLog(dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasWriteAheadLog(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("\\d+\\.log"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
