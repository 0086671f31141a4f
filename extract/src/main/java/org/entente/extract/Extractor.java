package org.entente.extract;

import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.CountKeys;
import org.entente.common.Evidence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one article as an analyst would: which countries act in it, which pairs they form and
 * which cooperation domains it names, with the phrases behind each fact.
 *
 * <p>The text is folded once ({@link FoldedText}) and every dictionary (countries, organisations,
 * regions, domains, sentence cues) is matched in one pass ({@link PhraseMatcher}); where names
 * overlap the longest wins, so "Vietnam Airlines" is no country and "Corée du Sud" is not "Corée".
 * Then sentence by sentence:
 * <ul>
 *   <li>a country acts when it is named in the title or in a sentence about cooperation, or
 *       named in two sentences or more; not when the sentence links to another story, speaks of
 *       war or of a match, lists the members of a bloc, or names it only as a place
 *       ("à Tokyo", "in Japan") where nobody visits;</li>
 *   <li>a domain word counts only in a sentence about cooperation or in an enumeration of fields:
 *       "la sécurité de la digue" during a typhoon is no security cooperation;</li>
 *   <li>an organisation named in a sentence about cooperation marks the multilateral domain.</li>
 * </ul>
 * Thread-safe; build once ({@link #standard()}).
 */
public final class Extractor {
    private static final Set<String> LOCATION_WORDS = Set.of("a", "au", "aux", "en", "in", "at", "dans");
    private static final String MULTILATERAL = "multilateral";

    private final PhraseMatcher<Term> matcher = new PhraseMatcher<>();

    private Extractor() {
        for (PhraseMatcher.Entry<Term> e : Gazetteer.standard().phrases()) {
            matcher.add(e.phrase(), e.value());
        }
        Gazetteer.lines("entities.tsv", line -> {
            String[] f = line.split("\t", -1);
            Term.Kind kind = switch (f[0]) {
                case "organisation" -> Term.Kind.ORGANISATION;
                case "region" -> Term.Kind.REGION;
                default -> Term.Kind.OTHER;
            };
            for (String name : f[2].split(";")) {
                PhraseMatcher.Entry<Term> e = Gazetteer.entry(name, kind, f[1]);
                matcher.add(e.phrase(), e.value());
            }
        });
        for (PhraseMatcher.Entry<Term> e : Domains.phrases()) {
            matcher.add(e.phrase(), e.value());
        }
        Cue.PHRASES.forEach((cue, phrases) -> phrases.forEach(p ->
                matcher.add(FoldedText.fold(p), new Term(Term.Kind.CUE, cue.name(), false, p))));
        matcher.build();
    }

    public static Extractor standard() {
        return Holder.INSTANCE;
    }

    public ArticleFacts extract(Article article) {
        return extract(article, article.version());
    }

    /** The same, for a caller that has already computed the article's {@link Article#version()}. */
    public ArticleFacts extract(Article article, String version) {
        String text = ArticleFacts.textOf(article);
        int titleEnd = article.title() == null ? 0 : article.title().length();
        FoldedText folded = FoldedText.onThread(text);
        Segments[] segments = Segments.of(folded);
        Segments sentence = segments[0];
        Segments clause = segments[1];
        int sentenceCount = sentence.count;
        int clauseCount = clause.count;

        List<PhraseMatcher.Match<Term>> entities = new ArrayList<>();
        List<PhraseMatcher.Match<Term>> domainWords = new ArrayList<>();
        // the cues of each sentence and clause, as bits (Cue#bit): an article has tens of them
        int[] sentenceCues = new int[sentenceCount];
        int[] clauseCues = new int[clauseCount];
        for (PhraseMatcher.Match<Term> m : matcher.find(folded)) {
            Term t = m.value();
            if (t.exactCase() && !writtenAs(text, folded, m, t.written())) {
                continue;
            }
            if (t.kind() == Term.Kind.CUE) {
                int cue = Cue.valueOf(t.code()).bit();
                sentenceCues[sentence.of(m.start())] |= cue;
                clauseCues[clause.of(m.start())] |= cue;
            } else if (t.kind() == Term.Kind.DOMAIN) {
                domainWords.add(m);
            } else {
                entities.add(m);
            }
        }
        entities = longestFirst(entities);
        domainWords = outside(longestFirst(domainWords), entities);
        elsewhereToParagraphEnd(folded, sentence, sentenceCues);

        // first pass: the countries each sentence names in a way that can make them actors
        List<Mention> mentions = new ArrayList<>();
        List<Evidence> organisations = new ArrayList<>();
        Map<Integer, Set<String>> countriesOfSentence = new HashMap<>();
        for (PhraseMatcher.Match<Term> m : entities) {
            Term t = m.value();
            int s = sentence.of(m.start());
            int flags = sentenceCues[s];
            boolean title = folded.origin[m.start()] < titleEnd;
            // a headline is too short for clauses: a war or a match named anywhere in it counts
            if (Cue.ELSEWHERE.in(flags) || hostile(clauseCues[clause.of(m.start())]) || title && hostile(flags)) {
                continue;
            }
            if (t.kind() == Term.Kind.ORGANISATION) {
                if (Cue.COOPERATION.in(flags) || Cue.ENUMERATION.in(flags)) {
                    organisations.add(evidence(text, folded, m, Evidence.ORGANISATION, t.code()));
                }
                continue;
            }
            if (!t.kind().isCountry()) {
                continue;
            }
            boolean member = Cue.MEMBERSHIP.in(flags) && sentenceHasOrganisation(entities, sentence, s);
            boolean place = (t.kind() == Term.Kind.COUNTRY || t.kind() == Term.Kind.SEAT)
                    && LOCATION_WORDS.contains(previousWord(folded, m.start())) && !Cue.VISIT.in(flags);
            if (member || place) {
                continue;
            }
            mentions.add(new Mention(m, s, title));
            countriesOfSentence.computeIfAbsent(s, k -> new TreeSet<>()).add(t.code());
        }

        // a sentence speaks of cooperation when it says so, enumerates fields, or joins two countries
        boolean[] cooperative = new boolean[sentenceCount];
        for (int s = 0; s < sentenceCount; s++) {
            int flags = sentenceCues[s];
            cooperative[s] = !Cue.ELSEWHERE.in(flags) && (Cue.COOPERATION.in(flags)
                    || Cue.ENUMERATION.in(flags) || countriesOfSentence.getOrDefault(s, Set.of()).size() >= 2);
        }

        Map<String, List<Evidence>> countryEvidence = new HashMap<>();
        Set<String> actors = new TreeSet<>();
        Map<String, Set<Integer>> loose = new HashMap<>();
        for (Mention mention : mentions) {
            String code = mention.match().value().code();
            countryEvidence.computeIfAbsent(code, c -> new ArrayList<>())
                    .add(evidence(text, folded, mention.match(), Evidence.COUNTRY, code));
            if (mention.title() || cooperative[mention.sentence()]) {
                actors.add(code);
            } else {
                loose.computeIfAbsent(code, c -> new TreeSet<>()).add(mention.sentence());
            }
        }
        loose.forEach((code, sentences) -> {
            if (sentences.size() >= 2) {
                actors.add(code);
            }
        });

        TreeSet<String> domainIds = new TreeSet<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String code : actors) {
            evidence.addAll(countryEvidence.get(code));
        }
        for (PhraseMatcher.Match<Term> m : domainWords) {
            if (cooperative[sentence.of(m.start())] && !hostile(clauseCues[clause.of(m.start())])) {
                domainIds.add(m.value().code());
                evidence.add(evidence(text, folded, m, Evidence.DOMAIN, m.value().code()));
            }
        }
        if (!organisations.isEmpty()) {
            domainIds.add(MULTILATERAL);
            evidence.addAll(organisations);
        }
        evidence.sort(Comparator.comparingInt(Evidence::start));

        List<String> codes = new ArrayList<>(actors);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            for (int j = i + 1; j < codes.size(); j++) {
                pairs.add(CountKeys.pair(codes.get(i), codes.get(j)));
            }
        }
        pairs.sort(null);
        return new ArticleFacts(article.id(), version, article.date(), article.title(), article.source(),
                codes, pairs, new ArrayList<>(domainIds), evidence);
    }

    private record Mention(PhraseMatcher.Match<Term> match, int sentence, boolean title) {
    }

    private static boolean hostile(int clauseFlags) {
        return Cue.ADVERSARIAL.in(clauseFlags) || Cue.MATCH.in(clauseFlags);
    }

    /** "Lire aussi : ..." covers the rest of its paragraph, whatever the punctuation after it. */
    private static void elsewhereToParagraphEnd(FoldedText f, Segments sentences, int[] cues) {
        boolean elsewhere = false;
        for (int s = 0; s < sentences.count; s++) {
            if (elsewhere) {
                cues[s] |= Cue.ELSEWHERE.bit();
            } else if (Cue.ELSEWHERE.in(cues[s])) {
                elsewhere = true;
            }
            if (sentences.endsLine(s, f)) {
                elsewhere = false;
            }
        }
    }

    /** Domain words inside a name ("économique" in "Union économique eurasienne") are the name's. */
    private static List<PhraseMatcher.Match<Term>> outside(List<PhraseMatcher.Match<Term>> words,
                                                          List<PhraseMatcher.Match<Term>> names) {
        List<PhraseMatcher.Match<Term>> out = new ArrayList<>(words.size());
        int j = 0;
        for (PhraseMatcher.Match<Term> w : words) {
            while (j < names.size() && names.get(j).end() <= w.start()) {
                j++;
            }
            boolean inside = j < names.size() && names.get(j).start() < w.end() && w.start() < names.get(j).end();
            if (!inside) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The segments of a folded text: a new sentence after '.' and after a line end; a new clause
     * also after a comma or a parenthesis (folded to ','). Kept as the start of each segment (tens
     * per article) rather than a segment number per char (thousands).
     */
    static final class Segments {
        private final int[] starts;
        final int count;

        private Segments(int[] starts, int count) {
            this.starts = starts;
            this.count = count;
        }

        /** The folded text read eight chars at a time. */
        private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

        /**
         * Sentences and clauses, in one pass. The marks (tens an article) are rare among the
         * thousands of chars, so the pass tests eight chars at once for any of '.', ',' and line
         * ends, and looks at chars one by one only in the eight that hold one.
         */
        static Segments[] of(FoldedText f) {
            int[] sentences = new int[16];
            int[] clauses = new int[32];
            int sentenceCount = 1;
            int clauseCount = 1;
            byte[] text = f.ascii;
            int last = f.length - 1;
            for (int i = 0; i < last; i += Long.BYTES) {
                // a mark on the last char ends nothing: the word stops before it
                long word = i + Long.BYTES <= last ? (long) WORDS.get(text, i) : lastWord(text, i, last);
                for (long marks = has(word, '.') | has(word, ',') | has(word, '\n'); marks != 0; marks &= marks - 1) {
                    int at = i + (Long.numberOfTrailingZeros(marks) >>> 3);
                    byte c = text[at];
                    if (c == '.' && text[at + 1] != ' ' && text[at + 1] != '\n') {
                        continue;
                    }
                    if (c != ',') {
                        if (sentenceCount == sentences.length) {
                            sentences = Arrays.copyOf(sentences, sentenceCount * 2);
                        }
                        sentences[sentenceCount++] = at + 1;
                    }
                    if (clauseCount == clauses.length) {
                        clauses = Arrays.copyOf(clauses, clauseCount * 2);
                    }
                    clauses[clauseCount++] = at + 1;
                }
            }
            return new Segments[] {new Segments(sentences, sentenceCount), new Segments(clauses, clauseCount)};
        }

        /** The chars of {@code [from, to)}, fewer than eight, as a word; zero bytes after them. */
        private static long lastWord(byte[] text, int from, int to) {
            long word = 0;
            for (int k = to - 1; k >= from; k--) {
                word = word << 8 | text[k];
            }
            return word;
        }

        /**
         * The high bit of each byte of {@code word} that equals {@code c}, and of no other: the
         * sum below cannot carry from one byte into the next, so a match never marks its
         * neighbour (the shorter {@code (x - ONES) & ~x} borrow trick marks a '-' after a ',').
         */
        private static long has(long word, char c) {
            long x = word ^ (ONES * c);
            return ~(((x & LOWS) + LOWS) | x | LOWS);
        }

        /** The segment of a folded position. */
        int of(int position) {
            int low = 0;
            for (int n = count; n > 1; ) {
                int half = n >>> 1;
                low = starts[low + half] <= position ? low + half : low;
                n -= half;
            }
            return low;
        }

        /** Whether segment {@code s} ends a line (a line end always ends a segment). */
        boolean endsLine(int s, FoldedText f) {
            int end = s + 1 < count ? starts[s + 1] : f.length;
            return end > 0 && f.ascii[end - 1] == '\n';
        }
    }

    /** Leftmost-longest: of overlapping names, the one starting first, then the longest, wins. */
    private static List<PhraseMatcher.Match<Term>> longestFirst(List<PhraseMatcher.Match<Term>> matches) {
        matches.sort(Comparator.<PhraseMatcher.Match<Term>>comparingInt(PhraseMatcher.Match::start)
                .thenComparingInt(m -> -(m.end() - m.start())));
        List<PhraseMatcher.Match<Term>> kept = new ArrayList<>(matches.size());
        int reach = -1;
        for (PhraseMatcher.Match<Term> m : matches) {
            if (m.start() >= reach) {
                kept.add(m);
                reach = m.end();
            } else if (m.end() > reach) {
                // a longer name starting inside the previous one ("Guinée" then "Guinée-Bissau" cannot
                // happen; "Corée du Sud" inside "Corée du Sud-Est"): the earlier one stands
                continue;
            }
        }
        return kept;
    }

    private static boolean sentenceHasOrganisation(List<PhraseMatcher.Match<Term>> entities, Segments sentence, int s) {
        for (PhraseMatcher.Match<Term> m : entities) {
            if (m.value().kind() == Term.Kind.ORGANISATION && sentence.of(m.start()) == s) {
                return true;
            }
        }
        return false;
    }

    private static String previousWord(FoldedText f, int start) {
        int end = start - 1;
        while (end >= 0 && (f.ascii[end] == ' ' || f.ascii[end] == '\'')) {
            end--;
        }
        int begin = end;
        while (begin >= 0 && FoldedText.isWordChar(f.ascii[begin])) {
            begin--;
        }
        return end < 0 ? "" : new String(f.ascii, begin + 1, end - begin, StandardCharsets.ISO_8859_1);
    }

    private static boolean writtenAs(String text, FoldedText f, PhraseMatcher.Match<Term> m, String written) {
        int from = f.origin[m.start()];
        int to = f.origin[m.end() - 1] + 1;
        return text.substring(from, to).equals(written);
    }

    private static Evidence evidence(String text, FoldedText f, PhraseMatcher.Match<Term> m, String kind, String code) {
        int from = f.origin[m.start()];
        int to = f.origin[m.end() - 1] + 1;
        return new Evidence(text.substring(from, to), from, to, kind, code);
    }

    private static final class Holder {
        static final Extractor INSTANCE = new Extractor();
    }
}
