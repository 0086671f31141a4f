package org.entente.common.articles;

import org.entente.common.Article;
import org.entente.common.ArticleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleReaderTest {
    private static final String GOOD = " date 2025-05 Le Vietnam et le Kazakhstan renforcent leur coopération\n\n"
            + "Le Vietnam et le Kazakhstan ont convenu de renforcer le commerce.\n\nVNA/CVN\n";

    @TempDir
    Path dir;

    private final List<Article> articles = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();

    private void read(Path... paths) {
        new ArticleReader().read(List.of(paths), articles::add, rejected::add);
    }

    @Test
    void readsTheSeedsWithStableIds() {
        Path seeds = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");
        read(seeds);
        assertThat(rejected).isEmpty();
        assertThat(articles).extracting(Article::date).containsExactly("2025-05", "2025-02");
        Article first = articles.get(0);
        assertThat(first.title()).isEqualTo("Le vice-Premier ministre et ministre des AE, Bùi Thanh Son, rencontre son homologue kazakh");
        assertThat(first.source()).isEqualTo("VNA/CVN");
        assertThat(first.body()).startsWith("Le vice-Premier ministre et ministre des AE du Kazakhstan").endsWith("instances internationales et multilatérales.").contains(".\n\nDe son côté");
        assertThat(first.id()).isEqualTo(ArticleId.of("VNA/CVN", "2025-05", first.title()));
        // the body keeps "Photo : VNA/CVN" of the second seed: only the last line is the source
        assertThat(articles.get(1).body()).contains("Photo : VNA/CVN");
    }

    @Test
    void toleratesBomCrlfAndTrailingSpaces() throws IOException {
        Path file = write("a.txt", "\uFEFF" + GOOD.replace("\n", "  \r\n"));
        read(file);
        assertThat(rejected).isEmpty();
        assertThat(articles).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Le Vietnam et le Kazakhstan renforcent leur coopération");
            assertThat(a.body()).isEqualTo("Le Vietnam et le Kazakhstan ont convenu de renforcer le commerce.");
            assertThat(a.source()).isEqualTo("VNA/CVN");
        });
        Article plain = parse(GOOD);
        assertThat(articles.get(0).id()).isEqualTo(plain.id());
        assertThat(articles.get(0).version()).isEqualTo(plain.version());
    }

    @Test
    void aCorrectedBodyKeepsItsIdAndGetsANewVersion() {
        Article original = parse(GOOD);
        Article corrected = parse(GOOD.replace("le commerce", "l'énergie"));
        assertThat(corrected.id()).isEqualTo(original.id());
        assertThat(corrected.version()).isNotEqualTo(original.version());
    }

    @Test
    void formatRoundTrips() {
        Article a = parse(GOOD);
        Article again = SeedFormat.parse(SeedFormat.format(a), "x");
        assertThat(again).isEqualTo(new Article(a.id(), a.date(), a.title(), a.body(), a.source(), "x"));
    }

    @Test
    void rejectsEachBadFileWithItsReasonAndPublishesTheGoodOnes() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        write("mixed/01-good.txt", GOOD);
        write("mixed/02-empty.txt", "");
        Files.write(mixed.resolve("03-binary.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        byte[] latin1 = GOOD.replace("Le Vietnam et le Kazakhstan ont", "Le Viêt Nam et le Kazakhstan ont")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(mixed.resolve("04-latin1.txt"), latin1);
        write("mixed/05-noheader.txt", "Hello world\n\nSome text\n\nAFP\n");
        write("mixed/06-baddate.txt", GOOD.replace("2025-05", "2025-13"));
        write("mixed/07-nobody.txt", " date 2025-05 Title\n\nVNA/CVN\n");
        try (RandomAccessFile big = new RandomAccessFile(mixed.resolve("08-huge.txt").toFile(), "rw")) {
            big.setLength(100L * 1024 * 1024);
        }
        Files.createSymbolicLink(mixed.resolve("09-loop-a.txt"), mixed.resolve("09-loop-b.txt"));
        Files.createSymbolicLink(mixed.resolve("09-loop-b.txt"), mixed.resolve("09-loop-a.txt"));
        Files.createSymbolicLink(mixed.resolve("10-dangling.txt"), mixed.resolve("nowhere.txt"));
        Files.createSymbolicLink(mixed.resolve("11-dirloop"), mixed);
        write("mixed/12-good.txt", GOOD.replace("renforcent", "approfondissent"));
        write("mixed/notes.md", "not an article, not read");

        read(mixed);

        assertThat(articles).extracting(Article::origin)
                .containsExactly(mixed.resolve("01-good.txt").toString(), mixed.resolve("12-good.txt").toString());
        assertThat(rejected).extracting(Rejection::toString).containsExactlyInAnyOrder(
                mixed.resolve("02-empty.txt") + ": empty file",
                mixed.resolve("03-binary.txt") + ": binary file (NUL byte at offset 4), not a dispatch",
                mixed.resolve("04-latin1.txt") + ":1: invalid UTF-8 at byte 62",
                mixed.resolve("05-noheader.txt") + ":1: expected ' date YYYY-MM Title', got 'Hello world'",
                mixed.resolve("06-baddate.txt") + ":1: date '2025-13' has no month 13",
                mixed.resolve("07-nobody.txt") + ":3: no body: the only line after the header is 'VNA/CVN', taken as the source",
                mixed.resolve("08-huge.txt") + ": too large: 104857600 bytes, the limit is 1048576",
                mixed.resolve("09-loop-a.txt") + ": cannot read: symbolic link loop",
                mixed.resolve("09-loop-b.txt") + ": cannot read: symbolic link loop",
                mixed.resolve("10-dangling.txt") + ": cannot read: no such file (" + mixed.resolve("10-dangling.txt") + ")",
                mixed.resolve("11-dirloop") + ": cannot read: symbolic link loop");
    }

    @Test
    void anUnreadableFileIsRejectedAndTheNextOneStillRead() throws IOException {
        Path notAFile = Files.createDirectories(dir.resolve("looks-like.txt"));
        Path good = write("good.txt", GOOD);
        read(notAFile.resolve("missing.txt"), good);
        assertThat(rejected).extracting(Rejection::toString)
                .containsExactly(notAFile.resolve("missing.txt") + ": cannot read: no such file (" + notAFile.resolve("missing.txt") + ")");
        assertThat(articles).hasSize(1);
    }

    @Test
    void readsJsonLinesWhereAnExplicitIdWinsAndBadLinesAreNamed() throws IOException {
        Path feed = write("feed.jsonl", String.join("\n",
                "{\"id\":\"wire-1\",\"date\":\"2025-03\",\"title\":\"Laos and Thailand\",\"body\":\"Laos and Thailand agreed on trade.\",\"source\":\"AFP\"}",
                "",
                "{\"date\":\"2025-03\",\"title\":\"No body here\",\"source\":\"AFP\"}",
                "not json at all",
                "{\"date\":\"March 2025\",\"title\":\"T\",\"body\":\"B\",\"source\":\"AFP\"}",
                "{\"date\":\"2025-04\",\"title\":\"Japan and India\",\"body\":\"Japan and India signed a defence pact.\",\"source\":\"Reuters\"}"));
        read(feed);
        assertThat(articles).extracting(Article::id)
                .containsExactly("wire-1", ArticleId.of("Reuters", "2025-04", "Japan and India"));
        assertThat(articles).extracting(Article::origin).containsExactly(feed + ":1", feed + ":6");
        assertThat(rejected).extracting(Rejection::toString).containsExactly(
                feed + ":3: no body",
                feed + ":4: not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                feed + ":5: date 'March 2025' is not YYYY-MM");
    }

    @Test
    void aRetractionLineNamesTheArticleItWithdrawsAndRoundTrips() throws IOException {
        Path feed = write("retract.jsonl", String.join("\n",
                "{\"id\":\"wire-1\",\"retract\":true}",
                "{\"retract\":true}",
                "{\"id\":\"wire-2\",\"retract\":\"yes\"}"));
        read(feed);
        assertThat(articles).singleElement().satisfies(a -> {
            assertThat(a.isRetraction()).isTrue();
            assertThat(a.id()).isEqualTo("wire-1");
            assertThat(JsonLinesFormat.format(a)).isEqualTo("{\"id\":\"wire-1\",\"retract\":true}");
        });
        assertThat(rejected).extracting(Rejection::toString).containsExactly(
                feed + ":2: a retraction needs the \"id\" of the article it withdraws",
                feed + ":3: \"retract\" must be true, got \"yes\"");
    }

    private Article parse(String text) {
        return SeedFormat.parse(text, "test");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
