package org.entente.producer;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.common.Article;
import org.entente.common.ArticleId;
import org.entente.common.JsonSerdes;
import org.entente.common.Progress;
import org.entente.common.Topics;
import org.entente.common.articles.ArticleReader;
import org.entente.common.articles.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayerTest {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");
    private static final String KZ_TITLE =
            "Le vice-Premier ministre et ministre des AE, Bùi Thanh Son, rencontre son homologue kazakh";
    private static final String KG_TITLE = "Le Vietnam attache de l'importance à son amitié avec le Kirghizistan";

    @TempDir
    Path dir;

    private final MockProducer<String, Article> producer =
            new MockProducer<>(true, null, new StringSerializer(), JsonSerdes.serializer(Article.class));
    private final List<Rejection> told = new ArrayList<>();
    private final Replayer replayer = new Replayer(producer, new ArticleReader(), told::add);

    private static Progress quiet() {
        return new Progress("replay", 0, new PrintStream(new ByteArrayOutputStream()), false);
    }

    @Test
    void publishesEachSeedKeyedByItsStableId() {
        ReplayReport report = replayer.replay(List.of(SEEDS), quiet());

        assertThat(report.published()).isEqualTo(2);
        assertThat(report.partial()).isFalse();
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly(Topics.ARTICLES);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly(
                ArticleId.of("VNA/CVN", "2025-05", KZ_TITLE), ArticleId.of("VNA/CVN", "2025-02", KG_TITLE));
        assertThat(producer.history()).allSatisfy(r -> assertThat(r.value().id()).isEqualTo(r.key()));
        assertThat(report.versions()).containsOnlyKeys(producer.history().get(0).key(), producer.history().get(1).key());
    }

    @Test
    void aReplayWritesTheSameKeysAndValuesAgain() {
        replayer.replay(List.of(SEEDS), quiet());
        replayer.replay(List.of(SEEDS), quiet());
        List<ProducerRecord<String, Article>> sent = producer.history();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(2).key()).isEqualTo(sent.get(0).key());
        assertThat(sent.get(2).value()).isEqualTo(sent.get(0).value());
        assertThat(sent.get(3).value()).isEqualTo(sent.get(1).value());
    }

    @Test
    void reportsBadFilesAndStillPublishesTheGoodOnes() throws IOException {
        Files.writeString(dir.resolve("bad.txt"), "no header here\n");
        Files.copy(SEEDS.resolve("003_45cd51b082e7748f.txt"), dir.resolve("good.txt"));

        ReplayReport report = replayer.replay(List.of(dir), quiet());

        assertThat(report.published()).isEqualTo(1);
        assertThat(report.partial()).isTrue();
        assertThat(report.rejected()).extracting(Rejection::toString)
                .containsExactly(dir.resolve("bad.txt") + ":1: expected ' date YYYY-MM Title', got 'no header here'");
        assertThat(told).isEqualTo(report.rejected());
        assertThat(producer.history()).extracting(r -> r.value().title()).containsExactly(KG_TITLE);
    }

    @Test
    void aRetractionIsATombstoneOnTheId() {
        replayer.retract("37923d21cf1f2eaa");
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("37923d21cf1f2eaa");
            assertThat(r.value()).isNull();
        });
    }

    @Test
    void aRetractionLineInAFeedBecomesATombstoneAndLeavesTheExpectedVersions() throws IOException {
        Files.writeString(dir.resolve("feed.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"date\":\"2025-03\",\"title\":\"Laos and Thailand\",\"body\":\"Laos and Thailand agreed on trade.\",\"source\":\"AFP\"}",
                "{\"id\":\"b\",\"date\":\"2025-03\",\"title\":\"Japan and India\",\"body\":\"Japan and India signed a pact.\",\"source\":\"AFP\"}",
                "{\"id\":\"a\",\"retract\":true}"));

        ReplayReport report = replayer.replay(List.of(dir.resolve("feed.jsonl")), quiet());

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("a", "b", "a");
        assertThat(producer.history().get(2).value()).isNull();
        assertThat(report.published()).isEqualTo(3);
        assertThat(report.versions()).containsOnlyKeys("b");
    }

    @Test
    void aNonRetriableSendErrorFailsTheRun() {
        // every send waits for the flush, which answers the first with a refusal and the rest with
        // success: the same answers in every run, whatever the threads' timing
        MockProducer<String, Article> refusing =
                new MockProducer<>(false, null, new StringSerializer(), JsonSerdes.serializer(Article.class)) {
                    @Override
                    public synchronized void flush() {
                        errorNext(new RecordTooLargeException("record too large"));
                        super.flush();
                    }
                };
        Replayer failing = new Replayer(refusing, new ArticleReader(), r -> { });
        assertThatThrownBy(() -> failing.replay(List.of(SEEDS), quiet()))
                .isInstanceOf(Replayer.ReplayFailedException.class)
                .hasMessageContaining("record too large");
    }
}
