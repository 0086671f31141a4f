package org.entente.bench;

import org.entente.common.Article;
import org.entente.common.articles.JsonLinesFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtractionProcessTest {
    @TempDir
    Path dir;

    @Test
    void extractsTheArticlesOfItsFileRoundAfterRoundLeavingRetractionsOutAndPrintsWhatItRead() throws Exception {
        Article first = new Article("a1", "2025-05", "Le Vietnam et le Kazakhstan renforcent leur coopération",
                "Hanoï et Astana ont signé un accord sur le commerce et l'énergie.", "VNA", null);
        Article second = new Article("a2", "2025-06", "India and Japan deepen defence ties",
                "The two countries agreed to expand defence and technology cooperation.", "PTI", null);
        Path file = dir.resolve("sample.jsonl");
        List<String> lines = new ArrayList<>();
        for (Article a : List.of(first, Article.retraction("a0", null), second)) {
            lines.add(JsonLinesFormat.format(a));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        long bytesPerRound = 0;
        for (Article a : List.of(first, second)) {
            bytesPerRound += a.title().getBytes(StandardCharsets.UTF_8).length + a.body().getBytes(StandardCharsets.UTF_8).length;
        }

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ExtractionProcess.main(new String[] {file.toString(), "1"});
        } finally {
            System.setOut(original);
        }

        String out = captured.toString(StandardCharsets.UTF_8).strip();
        assertThat(out).startsWith(ExtractionProcess.RESULT);
        String[] f = out.substring(ExtractionProcess.RESULT.length()).split(" ");
        long articles = Long.parseLong(f[0]);
        long bytes = Long.parseLong(f[1]);
        long nanos = Long.parseLong(f[2]);
        // whole rounds over both articles (the retraction has nothing to read), every byte of each round counted, over at least the 1 s asked
        assertThat(articles % 2).isZero();
        assertThat(articles).isPositive();
        assertThat(bytes).isEqualTo(articles / 2 * bytesPerRound);
        assertThat(nanos).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void aFileWithNothingToExtractIsNamedInTheError() throws Exception {
        Path file = dir.resolve("retractions.jsonl");
        Files.write(file, List.of(JsonLinesFormat.format(Article.retraction("a0", null))), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ExtractionProcess.main(new String[] {file.toString(), "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": no article to extract (only retractions, or empty)");
    }
}
