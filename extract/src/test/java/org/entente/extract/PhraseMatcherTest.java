package org.entente.extract;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PhraseMatcherTest {
    /** Overlapping names, multi-word names, a prefix, an apostrophe, a word inside another word. */
    private static final List<String> PHRASES = List.of("coree", "coree du sud", "sud", "du sud-est", "sino-",
            "l'inde", "inde", "independance", "etats-unis", "unis", "trade", "trade and investment", "and",
            "oil and gas", "gas", "g7", "a");
    private static final List<String> FILLER = List.of("le", "la", "indes", "coreen", "sudiste", "oil", "and",
            "investments", "sino", "l", "d", "x", "etats", "7", "g", "tradeoff", "vietnam");
    private static final String[] SEPARATORS = {" ", " ", " ", "-", "'", ", ", ". ", "\n", " - "};

    private static PhraseMatcher<String> matcher() {
        PhraseMatcher<String> m = new PhraseMatcher<>();
        PHRASES.forEach(p -> m.add(p, p));
        m.build();
        return m;
    }

    private static FoldedText folded(String text) {
        return FoldedText.of(text);
    }

    private static Set<String> found(PhraseMatcher<String> m, FoldedText text) {
        Set<String> out = new HashSet<>();
        for (PhraseMatcher.Match<String> match : m.find(text)) {
            out.add(match.start() + ":" + match.end() + ":" + match.phrase());
        }
        return out;
    }

    /** Every occurrence that starts a word and ends one (or, for a prefix, runs into the next word). */
    private static Set<String> bruteForce(FoldedText text) {
        String s = new String(text.chars, 0, text.length);
        Set<String> out = new HashSet<>();
        for (String p : PHRASES) {
            for (int at = s.indexOf(p); at >= 0; at = s.indexOf(p, at + 1)) {
                int end = at + p.length();
                boolean startsWord = at == 0 || !FoldedText.isWordChar(s.charAt(at - 1));
                boolean wordAfter = end < s.length() && FoldedText.isWordChar(s.charAt(end));
                if (startsWord && (p.endsWith("-") ? wordAfter : !wordAfter)) {
                    out.add(at + ":" + end + ":" + p);
                }
            }
        }
        return out;
    }

    @Test
    void findsNamesOnlyWhereWordsStartAndEnd() {
        FoldedText text = folded("Corée du Sud, l’Inde et la Corée. Indépendance sino-coréenne; coréen, sudiste.");
        List<String> found = new ArrayList<>();
        matcher().find(text).forEach(m -> found.add(m.phrase() + "@" + m.start()));
        assertThat(found).containsExactly("coree@0", "coree du sud@0", "sud@9", "l'inde@14", "inde@16", "coree@27",
                "independance@34", "sino-@47");
    }

    @Test
    void findsWhatABruteForceSearchFindsInRandomText() {
        PhraseMatcher<String> m = matcher();
        Random random = new Random(7);
        List<String> words = new ArrayList<>(PHRASES);
        words.addAll(FILLER);
        int matches = 0;
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int w = 0; w < n; w++) {
                if (w > 0 || random.nextBoolean()) {
                    text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                }
                text.append(words.get(random.nextInt(words.size())));
            }
            FoldedText f = folded(text.toString());
            Set<String> expected = bruteForce(f);
            assertThat(found(m, f)).as("matches in '%s'", text).isEqualTo(expected);
            matches += expected.size();
        }
        // the texts do exercise the matcher: this seed yields this many matches in all
        assertThat(matches).isEqualTo(10_119);
    }
}
