package org.entente.extract;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentsTest {
    @Test
    void aSentenceEndsAtADotBeforeASpaceOrALineEndAndAtALineEndAClauseAlsoAtAComma() {
        FoldedText f = FoldedText.of("Le Vietnam, la Chine (et www.gouv.fr). Fin\nSuite; encore");
        assertThat(f.toString()).isEqualTo("le vietnam, la chine ,et www.gouv.fr,. fin\nsuite. encore");
        Extractor.Segments[] segments = Extractor.Segments.of(f);
        Extractor.Segments sentences = segments[0];
        Extractor.Segments clauses = segments[1];
        assertThat(sentences.count).isEqualTo(4);
        assertThat(clauses.count).isEqualTo(7);
        // the dots of "www.gouv.fr" end no sentence: no space follows them
        assertThat(sentences.of(f.toString().indexOf("fr,"))).isZero();
        assertThat(sentences.of(f.toString().indexOf("fin"))).isEqualTo(1);
        assertThat(sentences.of(f.toString().indexOf("suite"))).isEqualTo(2);
        assertThat(sentences.of(f.toString().indexOf("encore"))).isEqualTo(3);
        assertThat(clauses.of(f.toString().indexOf("la"))).isEqualTo(1);
        assertThat(clauses.of(f.toString().indexOf(",et") + 1)).isEqualTo(2);
        assertThat(clauses.of(f.toString().indexOf("encore"))).isEqualTo(6);
        assertThat(sentences.endsLine(1, f)).isTrue();
        assertThat(sentences.endsLine(0, f)).isFalse();
    }

    @Test
    void theWordAtATimeScanFindsWhatACharAtATimeScanFinds() {
        Random random = new Random(5);
        // "-" beside ",": a byte one bit away from a mark
        String pool = "abcxyz019 ' - ..,,\n\n   -";
        for (int round = 0; round < 2_000; round++) {
            int length = random.nextInt(round < 1_000 ? 40 : 400);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
            FoldedText f = FoldedText.of(text.toString());
            String folded = f.toString();
            List<Integer> sentenceStarts = new ArrayList<>(List.of(0));
            List<Integer> clauseStarts = new ArrayList<>(List.of(0));
            for (int i = 0; i < folded.length() - 1; i++) {
                char c = folded.charAt(i);
                boolean sentenceEnd = c == '\n' || c == '.' && (folded.charAt(i + 1) == ' ' || folded.charAt(i + 1) == '\n');
                if (sentenceEnd) {
                    sentenceStarts.add(i + 1);
                }
                if (sentenceEnd || c == ',') {
                    clauseStarts.add(i + 1);
                }
            }
            Extractor.Segments[] segments = Extractor.Segments.of(f);
            assertThat(segments[0].count).as("sentences of \"%s\"", folded).isEqualTo(sentenceStarts.size());
            assertThat(segments[1].count).as("clauses of \"%s\"", folded).isEqualTo(clauseStarts.size());
            for (int p = 0; p < folded.length(); p++) {
                assertThat(segments[0].of(p)).as("sentence at %d of \"%s\"", p, folded).isEqualTo(segmentOf(sentenceStarts, p));
                assertThat(segments[1].of(p)).as("clause at %d of \"%s\"", p, folded).isEqualTo(segmentOf(clauseStarts, p));
            }
        }
    }

    @Test
    void everyCharFoldsToAscii() {
        StringBuilder all = new StringBuilder(Character.MAX_VALUE + 1);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            all.append((char) c);
        }
        FoldedText f = FoldedText.of(all.toString());
        for (int i = 0; i < f.length; i++) {
            assertThat(f.ascii[i]).as("folded char %d (from U+%04X)", i, f.origin[i]).isBetween((byte) 0, (byte) 127);
        }
    }

    private static int segmentOf(List<Integer> starts, int position) {
        int s = 0;
        while (s + 1 < starts.size() && starts.get(s + 1) <= position) {
            s++;
        }
        return s;
    }
}
