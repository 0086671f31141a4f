package org.entente.consumer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a file so that a reader sees the old content or the new, never a mix, and so that the
 * new content survives a crash once this returns: write a temporary file beside it, flush and
 * fsync it, rename it over the old one, fsync the directory.
 */
final class AtomicFiles {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /**
     * The write buffer of each writing thread, kept from file to file: a flush writes tens of
     * files, and a new megabyte for each was the writer's largest allocation (JFR).
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[1 << 20]);

    private AtomicFiles() {
    }

    /** Writes what is written to the stream it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces one file with what {@code content} writes, streamed: a large file is never held whole in memory. */
    static void write(Path dir, String name, Content content) throws IOException {
        try (Batch batch = new Batch()) {
            batch.add(dir, name, content);
            batch.commit(Runnable::run);
        }
    }

    /**
     * Files replaced together, as {@link #write} replaces one: each is written beside its target,
     * then all are made durable at once, then renamed over their targets, then their directories
     * are synced, once each and together. On a disk that others write to, fsyncs issued together
     * share the file system's journal commits where fsyncs one after the other wait for one each
     * (ten files of 2 MB beside a writer of 6 GB: 64-75 ms one after the other, 40 ms together,
     * most runs). A file added {@linkplain #addLast last} (a manifest saying the others are
     * current) is made durable with the others but put in place only once they are. Until
     * {@link #commit} renames, every target keeps its old content; closing a batch that was not
     * committed deletes what it wrote.
     */
    static final class Batch implements AutoCloseable {
        private final List<Path[]> files = new ArrayList<>();
        private final List<FileChannel> channels = new ArrayList<>();
        /** The index of the file added last, -1 if none. */
        private int last = -1;
        private boolean committed;

        /** Writes the new content beside its target (not yet durable, not yet in place). */
        void add(Path dir, String name, Content content) throws IOException {
            if (last >= 0) {
                throw new IllegalStateException("a file was already added last: " + files.get(last)[1]);
            }
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                // names are constants of this module; this guards the promise to stay inside dir
                throw new IllegalArgumentException("not a plain view file name: " + name);
            }
            // not Files.createTempFile: its files are private to their owner (0600), and views are
            // for others to read (a bind-mounted directory, an analyst's account); the umask decides
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            files.add(new Path[] {temp, dir.resolve(name), dir});
            channels.add(channel);
            OutputStream out = new Buffer(Channels.newOutputStream(channel), BUFFERS.get());
            content.writeTo(out);
            out.flush();
        }

        /**
         * The same, for the file that says the others are current: synced with them (its content
         * needs no more waiting than theirs) but renamed only after theirs are renamed and their
         * directories synced, so that it is never in place before them, even after a power cut.
         */
        void addLast(Path dir, String name, Content content) throws IOException {
            add(dir, name, content);
            last = files.size() - 1;
        }

        /** Makes every file durable ({@code io} runs the fsyncs, together if it can), then puts them in place. */
        void commit(java.util.concurrent.Executor io) throws IOException {
            List<IoTask> forces = new ArrayList<>();
            for (FileChannel channel : channels) {
                forces.add(() -> channel.force(true));
            }
            together(io, forces);
            closeChannels();
            java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
            for (int i = 0; i < files.size(); i++) {
                if (i != last) {
                    rename(files.get(i));
                    dirs.add(files.get(i)[2]);
                }
            }
            List<IoTask> dirSyncs = new ArrayList<>();
            for (Path dir : dirs) {
                dirSyncs.add(() -> syncDirectory(dir));
            }
            together(io, dirSyncs);
            if (last >= 0) {
                rename(files.get(last));
                syncDirectory(files.get(last)[2]);
            }
            committed = true;
        }

        private static void rename(Path[] file) throws IOException {
            try {
                Files.move(file[0], file[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + file[2] + " cannot replace files atomically", e);
            }
        }

        private void closeChannels() throws IOException {
            IOException failure = null;
            for (FileChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            channels.clear();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeChannels();
            } finally {
                if (!committed) {
                    for (Path[] file : files) {
                        Files.deleteIfExists(file[0]);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /** Runs the tasks on {@code io} and waits for all; the first failure is thrown. */
    private static void together(java.util.concurrent.Executor io, List<IoTask> tasks) throws IOException {
        List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>(tasks.size());
        for (IoTask task : tasks) {
            running.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    task.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, io));
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(running.toArray(new java.util.concurrent.CompletableFuture[0])).join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException failure ? failure : new IOException("cannot sync the view files", cause);
        }
    }

    /**
     * Deletes the temporary files a writer killed mid-write left behind (hidden, never read as
     * views); they would otherwise pile up, one per kill.
     */
    static int removeLeftovers(Path dir) throws IOException {
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path file : leftovers) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a directory for sync; the rename is still atomic
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }

    /**
     * A write buffer without the lock {@link BufferedOutputStream} takes on every call: a count
     * view is written as millions of short writes (a line, a separator), and the locks took a
     * sizeable share of a flush.
     */
    private static final class Buffer extends OutputStream {
        private final OutputStream out;
        private final byte[] buf;
        private int count;

        Buffer(OutputStream out, byte[] buf) {
            this.out = out;
            this.buf = buf;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buf.length) {
                drain();
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > buf.length - count) {
                drain();
                if (len >= buf.length) {
                    out.write(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void drain() throws IOException {
            if (count > 0) {
                out.write(buf, 0, count);
                count = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }
    }
}
