package org.entente.common.articles;

import org.entente.common.Article;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads articles from files, directories (recursively, in name order: {@code .txt} dispatches
 * and {@code .jsonl} feeds) and standard input ({@code -}, JSON Lines). A bad file or line is
 * rejected with its reason and reading goes on: one broken dispatch never stops a replay.
 */
public final class ArticleReader {
    public static final long DEFAULT_MAX_BYTES = 1L << 20;
    public static final String STDIN = "-";

    /** Whether an input names standard input rather than a file. */
    public static boolean isStdin(Path input) {
        return input.toString().equals(STDIN);
    }

    private final long maxBytes;

    public ArticleReader() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes largest article (a dispatch file, or one JSON line) accepted */
    public ArticleReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public void read(List<Path> paths, Consumer<Article> onArticle, Consumer<Rejection> onRejected) {
        for (Path path : paths) {
            if (isStdin(path)) {
                readJsonLines(System.in, "stdin", onArticle, onRejected);
            } else if (Files.isDirectory(path)) {
                for (Path file : filesUnder(path, onRejected)) {
                    readFile(file, onArticle, onRejected);
                }
            } else {
                readFile(path, onArticle, onRejected);
            }
        }
    }

    /** How many files the paths hold, for progress; cheap (no file is opened). */
    public long countFiles(List<Path> paths) {
        long n = 0;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                n += filesUnder(path, r -> { }).size();
            } else if (!isStdin(path)) {
                n++;
            }
        }
        return n;
    }

    /** Article files under a directory, sorted; loops and unreadable folders are rejected. */
    List<Path> filesUnder(Path dir, Consumer<Rejection> onRejected) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (isArticleFile(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        onRejected.accept(new Rejection(file.toString(), "cannot read: symbolic link loop"));
                    } else if (isArticleFile(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            onRejected.accept(new Rejection(dir.toString(), "cannot list directory: " + describe(e)));
        }
        files.sort(null);
        return files;
    }

    private static boolean isArticleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") || name.endsWith(".jsonl");
    }

    private void readFile(Path file, Consumer<Article> onArticle, Consumer<Rejection> onRejected) {
        String origin = file.toString();
        try {
            if (Files.isDirectory(file)) {
                onRejected.accept(new Rejection(origin, "is a directory, not an article file"));
                return;
            }
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
                try (InputStream in = Files.newInputStream(file)) {
                    readJsonLines(in, origin, onArticle, onRejected);
                }
                return;
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                // decided from the size alone: a huge file costs nothing to reject
                onRejected.accept(new Rejection(origin, "too large: " + size + " bytes, the limit is " + maxBytes));
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = decode(bytes, origin);
            onArticle.accept(SeedFormat.parse(text, origin));
        } catch (ArticleFormatException e) {
            onRejected.accept(new Rejection(e.origin(), e.reason()));
        } catch (IOException e) {
            onRejected.accept(new Rejection(origin, "cannot read: " + describe(e)));
        }
    }

    private void readJsonLines(InputStream in, String origin, Consumer<Article> onArticle, Consumer<Rejection> onRejected) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNo = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, strict))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String where = origin + ":" + lineNo;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > maxBytes) {
                    onRejected.accept(new Rejection(where, "too large: " + line.length() + " characters, the limit is " + maxBytes));
                    continue;
                }
                if (line.indexOf('\0') >= 0) {
                    onRejected.accept(new Rejection(where, "binary data (NUL byte) in a JSON line"));
                    continue;
                }
                try {
                    onArticle.accept(JsonLinesFormat.parseLine(line, where));
                } catch (ArticleFormatException e) {
                    onRejected.accept(new Rejection(e.origin(), e.reason()));
                }
            }
        } catch (MalformedInputException e) {
            onRejected.accept(new Rejection(origin + ":" + (lineNo + 1), "invalid UTF-8; the rest of the file is skipped"));
        } catch (IOException e) {
            onRejected.accept(new Rejection(origin + (lineNo > 0 ? ":" + (lineNo + 1) : ""), "cannot read: " + describe(e)));
        }
    }

    private static String decode(byte[] bytes, String origin) {
        if (bytes.length == 0) {
            throw new ArticleFormatException(origin, "empty file");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ArticleFormatException(origin, "binary file (NUL byte at offset " + i + "), not a dispatch");
            }
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            int bad = firstInvalidUtf8(bytes);
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ArticleFormatException(origin + ":" + line, "invalid UTF-8 at byte " + bad);
        }
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = strict.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file" + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            return reason.toLowerCase(Locale.ROOT).contains("levels of symbolic links") ? "symbolic link loop" : reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
