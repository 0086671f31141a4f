package org.entente.bench;

import org.entente.common.Article;
import org.entente.common.ArticleId;
import org.entente.common.CountKeys;
import org.entente.extract.CountryNames;
import org.entente.extract.Domains;
import org.entente.extract.Gazetteer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A deterministic stream of realistic dispatches (French and English, 2-4 KB) over every country
 * of the gazetteer, with a Zipf-like skew so that some pairs are hot as in real news, trilateral
 * meetings, names, demonyms and capitals, and corrections and retractions mixed in. What each
 * article is meant to say is kept beside it, so the expected counts come from the generator, not
 * from the extractor under test.
 */
public final class CorpusGenerator {
    private static final String[] SOURCES = {"VNA/CVN", "AFP", "Reuters", "Xinhua", "Kazinform", "AKIpress", "APS", "MAP"};
    private static final String[] FILLER_FR = {
            "La rencontre s'est déroulée dans une atmosphère cordiale et constructive.",
            "Les responsables ont passé en revue les résultats obtenus depuis leur dernière réunion.",
            "Ils ont souligné la nécessité de mettre en œuvre de manière efficace les engagements pris.",
            "Un groupe de travail conjoint se réunira chaque année pour suivre les progrès réalisés.",
            "La délégation a également visité plusieurs sites et rencontré des représentants locaux.",
            "Le communiqué final salue une étape importante pour les relations entre les deux parties.",
            "Les deux délégations ont exprimé leur satisfaction quant au calendrier retenu.",
            "Plusieurs documents ont été échangés à l'issue de la séance plénière.",
            "Les discussions ont porté sur la mise en œuvre des engagements conclus lors de la précédente session.",
            "Les participants ont salué le travail accompli par les équipes techniques au cours des derniers mois."};
    private static final String[] FILLER_EN = {
            "The meeting took place in a cordial and constructive atmosphere.",
            "Officials reviewed the results achieved since their last meeting.",
            "They stressed the need to implement the commitments made in an effective manner.",
            "A joint working group will meet every year to follow up on progress.",
            "The delegation also visited several sites and met local representatives.",
            "The final communique hailed an important step for the relations between the two sides.",
            "Both delegations expressed satisfaction with the agreed timetable.",
            "Several documents were exchanged at the end of the plenary session.",
            "The discussions focused on carrying out the commitments made at the previous session.",
            "Participants praised the work done by the technical teams over recent months."};

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final List<CountryNames> countries;
    private final double[] cumulative;
    private final List<String> domains = Domains.ids();
    private final List<GeneratedArticle> live = new ArrayList<>();
    private final GroundTruth truth = new GroundTruth();
    private int produced;

    public CorpusGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        List<CountryNames> all = new ArrayList<>(Gazetteer.standard().countries());
        Collections.shuffle(all, new java.util.Random(settings.seed()));
        this.countries = all;
        // Zipf-like popularity: the k-th country is named about k^-0.9 as often as the first
        cumulative = new double[all.size()];
        double sum = 0;
        for (int k = 0; k < all.size(); k++) {
            sum += Math.pow(k + 1, -0.9);
            cumulative[k] = sum;
        }
        for (int k = 0; k < cumulative.length; k++) {
            cumulative[k] /= sum;
        }
    }

    public boolean hasNext() {
        return produced < settings.articles();
    }

    /** The next record of the stream: a new article, a correction or a retraction. */
    public GeneratedArticle next() {
        if (!hasNext()) {
            throw new IllegalStateException("all " + settings.articles() + " records generated");
        }
        produced++;
        double roll = random.nextDouble();
        GeneratedArticle g;
        if (!live.isEmpty() && roll < settings.retractionRate()) {
            GeneratedArticle target = live.remove(random.nextInt(live.size()));
            Article id = target.article();
            g = new GeneratedArticle(new Article(id.id(), id.date(), id.title(), id.body(), id.source(), null), true,
                    List.of(), List.of(), List.of());
        } else if (!live.isEmpty() && roll < settings.retractionRate() + settings.correctionRate()) {
            int at = random.nextInt(live.size());
            g = correct(live.get(at));
            live.set(at, g);
        } else {
            g = fresh(produced);
            live.add(g);
        }
        truth.apply(g);
        return g;
    }

    public List<GeneratedArticle> all() {
        List<GeneratedArticle> out = new ArrayList<>(settings.articles());
        while (hasNext()) {
            out.add(next());
        }
        return out;
    }

    /** The expected final state of everything generated so far. */
    public GroundTruth truth() {
        return truth;
    }

    private GeneratedArticle fresh(int n) {
        boolean french = random.nextBoolean();
        int actors = random.nextDouble() < 0.1 ? 3 : 2;
        List<CountryNames> chosen = new ArrayList<>();
        while (chosen.size() < actors) {
            CountryNames c = pickCountry();
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        String month = String.format(Locale.ROOT, "%d-%02d", 2023 + random.nextInt(3), 1 + random.nextInt(12));
        String source = SOURCES[random.nextInt(SOURCES.length)];
        String title = title(chosen, french) + (french ? " (réf. " : " (ref. ") + n + ")";
        List<String> chosenDomains = pickDomains();
        String body = body(chosen, chosenDomains, french);
        Article article = new Article(ArticleId.of(source, month, title), month, title, body, source, null);
        return new GeneratedArticle(article, false, codes(chosen), pairs(chosen), chosenDomains);
    }

    private GeneratedArticle correct(GeneratedArticle original) {
        Article a = original.article();
        boolean french = a.title().contains("(réf. ");
        List<CountryNames> chosen = new ArrayList<>();
        for (String code : original.countries()) {
            chosen.add(countries.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow());
        }
        List<String> newDomains = pickDomains();
        String body = body(chosen, newDomains, french);
        Article corrected = new Article(a.id(), a.date(), a.title(), body, a.source(), null);
        return new GeneratedArticle(corrected, false, original.countries(), original.pairs(), newDomains);
    }

    private CountryNames pickCountry() {
        double u = random.nextDouble();
        int i = java.util.Arrays.binarySearch(cumulative, u);
        return countries.get(Math.min(countries.size() - 1, i >= 0 ? i : -i - 1));
    }

    private List<String> pickDomains() {
        int n = 2 + random.nextInt(5);
        TreeSet<String> picked = new TreeSet<>();
        while (picked.size() < n) {
            picked.add(domains.get(random.nextInt(domains.size())));
        }
        return new ArrayList<>(picked);
    }

    private String title(List<CountryNames> c, boolean french) {
        if (c.size() == 3) {
            return french ? capital(fr(c.get(0))) + ", " + fr(c.get(1)) + " et " + fr(c.get(2)) + " tiennent un sommet trilatéral"
                    : en(c.get(0)) + ", " + en(c.get(1)) + " and " + en(c.get(2)) + " hold a trilateral summit";
        }
        return switch (random.nextInt(3)) {
            case 0 -> french ? capital(fr(c.get(0))) + " et " + fr(c.get(1)) + " renforcent leur coopération"
                    : en(c.get(0)) + " and " + en(c.get(1)) + " deepen cooperation";
            case 1 -> french ? "Entretiens entre " + fr(c.get(0)) + " et " + fr(c.get(1))
                    : "Talks between " + en(c.get(0)) + " and " + en(c.get(1));
            default -> french ? capital(fr(c.get(0))) + " et " + fr(c.get(1)) + " signent des accords"
                    : en(c.get(0)) + " and " + en(c.get(1)) + " sign agreements";
        };
    }

    private String body(List<CountryNames> c, List<String> chosenDomains, boolean french) {
        List<String> sentences = new ArrayList<>();
        sentences.add(opening(c, french));
        sentences.add(enumeration(c.size(), chosenDomains, french));
        if (c.size() == 2 && random.nextBoolean()) {
            sentences.add(secondMention(c, french));
        }
        int target = 2000 + random.nextInt(2000);
        StringBuilder body = new StringBuilder();
        int paragraph = 0;
        List<String> fillers = List.of(french ? FILLER_FR : FILLER_EN);
        int i = 0;
        while (body.length() < target || i < sentences.size()) {
            String s = i < sentences.size() ? sentences.get(i) : fillers.get(random.nextInt(fillers.size()));
            i++;
            body.append(s);
            if (++paragraph >= 3 + random.nextInt(3)) {
                body.append("\n\n");
                paragraph = 0;
            } else {
                body.append(' ');
            }
        }
        return body.toString().strip();
    }

    private String opening(List<CountryNames> c, boolean french) {
        if (c.size() == 3) {
            return french ? "Les dirigeants " + fr(c.get(0)).replaceFirst("^(le|la|les|l')\\s?", "de ") + ", " + names(c, true)
                    + " ont tenu un sommet trilatéral et signé plusieurs accords de coopération."
                    : "The leaders of " + en(c.get(0)) + ", " + en(c.get(1)) + " and " + en(c.get(2))
                    + " held a trilateral summit and signed several cooperation agreements.";
        }
        CountryNames a = c.get(0);
        CountryNames b = c.get(1);
        int form = random.nextInt(3);
        if (form == 1 && !demonym(a, french).isEmpty() && !demonym(b, french).isEmpty()) {
            return french ? "Le ministre " + demonym(a, true) + " a rencontré le ministre " + demonym(b, true)
                    + " pour approfondir les relations bilatérales."
                    : "The " + demonym(a, false) + " minister met the " + demonym(b, false)
                    + " minister to deepen bilateral relations.";
        }
        if (form == 2 && !a.seats().isEmpty() && !b.seats().isEmpty()) {
            return french ? a.seats().get(0) + " et " + b.seats().get(0) + " ont convenu de renforcer leur partenariat."
                    : a.seats().get(0) + " and " + b.seats().get(0) + " agreed to strengthen their partnership.";
        }
        return french ? capital(fr(a)) + " et " + fr(b) + " ont signé plusieurs accords de coopération lors d'une visite officielle."
                : en(a) + " and " + en(b) + " signed several cooperation agreements during an official visit.";
    }

    private String secondMention(List<CountryNames> c, boolean french) {
        return french ? "Selon le communiqué, " + fr(c.get(1)) + " et " + fr(c.get(0)) + " poursuivront ce dialogue."
                : "According to the statement, " + en(c.get(1)) + " and " + en(c.get(0)) + " will pursue this dialogue.";
    }

    private String enumeration(int actors, List<String> chosenDomains, boolean french) {
        List<String> cues = new ArrayList<>();
        for (String d : chosenDomains) {
            cues.add(Domains.cues(d, french ? "fr" : "en").get(0));
        }
        Collections.shuffle(cues, new java.util.Random(random.nextLong()));
        String list = cues.size() == 1 ? cues.get(0)
                : String.join(", ", cues.subList(0, cues.size() - 1)) + (french ? " et " : " and ") + cues.get(cues.size() - 1);
        String who = actors == 3 ? (french ? "Les trois pays" : "The three countries") : (french ? "Les deux parties" : "The two sides");
        return french ? who + " ont convenu de développer la coopération dans des domaines tels que " + list + "."
                : who + " agreed to expand cooperation in areas such as " + list + ".";
    }

    private static String names(List<CountryNames> c, boolean french) {
        return french ? fr(c.get(1)) + " et " + fr(c.get(2)) : en(c.get(1)) + " and " + en(c.get(2));
    }

    private static String fr(CountryNames c) {
        return c.nameFrWithArticle();
    }

    private static String en(CountryNames c) {
        return c.nameEn();
    }

    private static String demonym(CountryNames c, boolean french) {
        List<String> list = french ? c.demonymsFr() : c.demonymsEn();
        return list.isEmpty() ? "" : list.get(0);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> codes(List<CountryNames> c) {
        TreeSet<String> out = new TreeSet<>();
        c.forEach(x -> out.add(x.code()));
        return new ArrayList<>(out);
    }

    private static List<String> pairs(List<CountryNames> c) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                out.add(CountKeys.pair(c.get(i).code(), c.get(j).code()));
            }
        }
        return new ArrayList<>(out);
    }
}
