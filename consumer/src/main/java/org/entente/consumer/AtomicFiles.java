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

    static void write(Path dir, String name, byte[] content) throws IOException {
        write(dir, name, out -> out.write(content));
    }

    /** The same, streamed: a large file is never held whole in memory. */
    static void write(Path dir, String name, Content content) throws IOException {
        replace(dir, name, content);
        syncDirectory(dir);
    }

    /**
     * The same without the fsync of the directory: its content is durable, but its name may not
     * be until {@link #syncDirectory} runs. For a group of files replaced together, one sync of
     * their directory after the last (each sync of a directory is a journal commit of its own, a
     * dozen a flush on a busy disk).
     */
    static void replace(Path dir, String name, Content content) throws IOException {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            // names are constants of this module; this guards the promise to stay inside dir
            throw new IllegalArgumentException("not a plain view file name: " + name);
        }
        Path target = dir.resolve(name);
        // not Files.createTempFile: its files are private to their owner (0600), and views are for
        // others to read (a bind-mounted directory, an analyst's account); the umask decides
        Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OutputStream out = new Buffer(Channels.newOutputStream(channel), BUFFERS.get());
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot replace files atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
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
