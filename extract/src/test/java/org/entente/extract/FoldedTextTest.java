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

    @Test
    void lowerCaseLettersFoldAsTheirCapitalsDo() {
        // capitals take the table, lower-case letters a path of their own: both must agree
        Random random = new Random(17);
        String pool = "abcdefghijklmnopqrstuvwxyz    ,.;'-\nÉéèàçŒœßﬁ’\u2028Æ0123";
        int[] lengths = {0, 1, 2, 9, 300, 4_081, 4_096, 20_000};
        for (int length : lengths) {
            StringBuilder text = new StringBuilder(length);
            StringBuilder capitals = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                char c = pool.charAt(random.nextInt(pool.length()));
                text.append(c);
                capitals.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
            }
            FoldedText lower = FoldedText.onThread(text.toString());
            String folded = lower.toString();
            int[] origin = Arrays.copyOf(lower.origin, lower.length);
            FoldedText upper = FoldedText.of(capitals.toString());
            assertThat(upper.toString()).as("a text of %d chars", length).isEqualTo(folded);
            assertThat(Arrays.copyOf(upper.origin, upper.length)).isEqualTo(origin);
        }
        // ligatures grow the text before a run of letters: the arrays grow on the table's path
        String grown = "\uFB01".repeat(30) + "abcdefghij".repeat(3);
        assertThat(FoldedText.of(grown).toString()).isEqualTo("fi".repeat(30) + "abcdefghij".repeat(3));
        assertThat(FoldedText.onThread(grown).toString()).isEqualTo("fi".repeat(30) + "abcdefghij".repeat(3));
    }
}
