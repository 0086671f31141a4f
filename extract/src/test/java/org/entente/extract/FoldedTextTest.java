package org.entente.extract;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FoldedTextTest {
    @Test
    void foldsCaseAccentsLigaturesAndPunctuationAndKeepsWhereEachCharCameFrom() {
        FoldedText f = FoldedText.of("L\u2019Œuvre  de M. Dupont. Fin \uFB01nale!\n Straße");
        assertThat(f.toString()).isEqualTo("l'oeuvre de m dupont. fin finale.\nstrasse");
        assertThat(Arrays.copyOf(f.origin, f.length)).containsExactly(
                0, 1, 2, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                27, 27, 28, 29, 30, 31, 32, 33, 35, 36, 37, 38, 39, 39, 40);
    }

    @Test
    void foldingIntoTheThreadsArraysGivesWhatNewArraysGive() {
        Random random = new Random(11);
        String pool = "abcdefghij  ,.;'-\nÉéèàçŒœßﬁ’\u2028ÆxyzKLMN0123";
        // long after short after long: the arrays grow, then serve shorter texts
        int[] lengths = {10, 5_000, 40, 0, 70_000, 3, 4_096, 4_081, 12_000, 1};
        for (int length : lengths) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
            FoldedText fresh = FoldedText.of(text.toString());
            FoldedText reused = FoldedText.onThread(text.toString());
            assertThat(reused.length).as("length of a text of %d chars", length).isEqualTo(fresh.length);
            assertThat(Arrays.copyOf(reused.ascii, reused.length)).isEqualTo(Arrays.copyOf(fresh.ascii, fresh.length));
            assertThat(Arrays.copyOf(reused.origin, reused.length)).isEqualTo(Arrays.copyOf(fresh.origin, fresh.length));
        }
        // a text no longer than the last: the same arrays again, nothing allocated for them
        FoldedText first = FoldedText.onThread("Le Vietnam et le Kazakhstan.");
        FoldedText second = FoldedText.onThread("La France.");
        assertThat(second.ascii).isSameAs(first.ascii);
        assertThat(second.origin).isSameAs(first.origin);
        assertThat(second.toString()).isEqualTo("la france.");
    }
}
