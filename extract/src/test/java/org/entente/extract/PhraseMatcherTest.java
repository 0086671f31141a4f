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
        String s = text.toString();
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

    /** {@code count} texts of {@link #randomText}, the same for a seed. */
    private static List<String> randomTexts(long seed, int count, int maxWords) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            texts.add(randomText(random, maxWords));
        }
        return texts;
    }

    /** One to {@code maxWords} phrases and filler words, joined by random separators. */
    private static String randomText(Random random, int maxWords) {
        List<String> words = new ArrayList<>(PHRASES);
        words.addAll(FILLER);
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(maxWords);
        for (int w = 0; w < n; w++) {
            if (w > 0 || random.nextBoolean()) {
                text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            text.append(words.get(random.nextInt(words.size())));
        }
        return text.toString();
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
        int matches = 0;
        for (String text : randomTexts(7, 2_000, 12)) {
            FoldedText f = folded(text);
            Set<String> expected = bruteForce(f);
            assertThat(found(m, f)).as("matches in '%s'", text).isEqualTo(expected);
            matches += expected.size();
        }
        // the texts do exercise the matcher: this seed yields this many matches in all
        assertThat(matches).isEqualTo(10_119);
    }

    /**
     * Texts of many sentences, long enough to be cut into four walks: they find what one walk and
     * a brute-force search find, in the same order.
     */
    @Test
    void fourWalksSideBySideFindWhatOneWalkFinds() {
        PhraseMatcher<String> m = matcher();
        int matches = 0;
        for (String text : randomTexts(11, 500, 80)) {
            FoldedText f = folded(text);
            List<PhraseMatcher.Match<String>> one = m.find(f, 1);
            assertThat(m.find(f, PhraseMatcher.LANES)).as("matches in '%s'", text).isEqualTo(one);
            assertThat(m.find(f, 3)).as("matches in '%s'", text).isEqualTo(one);
            assertThat(found(m, f)).as("matches in '%s'", text).isEqualTo(bruteForce(f));
            matches += one.size();
        }
        assertThat(matches).isEqualTo(15_266);
    }

    @Test
    void aTextWithoutACutIsReadByOneWalk() {
        PhraseMatcher<String> m = matcher();
        FoldedText f = folded("coree du sud and oil and gas trade and investment with the etats-unis and g7 sino-coreen");
        List<String> found = new ArrayList<>();
        m.find(f).forEach(match -> found.add(match.phrase() + "@" + match.start()));
        // in order of end: "and" ends before "oil and gas", "trade and investment" last of its words
        assertThat(found).containsExactly("coree@0", "coree du sud@0", "sud@9", "and@13", "and@21", "oil and gas@17",
                "gas@25", "trade@29", "and@35", "trade and investment@29", "etats-unis@59", "unis@65", "and@70",
                "g7@74", "sino-@77");
        assertThat(m.find(folded("Corée."), 4)).hasSize(1);
        assertThat(m.find(folded(""), 4)).isEmpty();
        assertThat(m.find(folded(". , ."), 4)).isEmpty();
    }
}
