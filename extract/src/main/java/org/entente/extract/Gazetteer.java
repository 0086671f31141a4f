package org.entente.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The countries Entente knows: every UN member and observer state. Names in English and French
 * come from the JDK's CLDR locale data; {@code countries.tsv} adds what CLDR lacks (variants,
 * demonyms in every gender and number, capitals and metonyms, compound prefixes).
 */
public final class Gazetteer {

    private final List<CountryNames> countries;
    /** every phrase, with what it stands for */
    private final List<PhraseMatcher.Entry<Term>> phrases;

    private Gazetteer(List<String[]> rows) {
        List<CountryNames> names = new ArrayList<>();
        List<PhraseMatcher.Entry<Term>> all = new ArrayList<>();
        for (String[] row : rows) {
            String code = row[0];
            Locale country = new Locale("", code);
            String en = country.getDisplayCountry(Locale.ENGLISH);
            String fr = country.getDisplayCountry(Locale.FRENCH);
            Set<String> countryNames = new LinkedHashSet<>(List.of(en, fr));
            countryNames.addAll(list(row, 1));
            List<String> demonymsEn = new ArrayList<>(list(row, 2));
            List<String> demonymsFr = frenchForms(list(row, 3));
            List<String> seats = list(row, 4);
            for (String n : countryNames) {
                all.add(entry(n, Term.Kind.COUNTRY, code));
            }
            for (String d : englishForms(demonymsEn)) {
                all.add(entry(d, Term.Kind.DEMONYM, code));
            }
            for (String d : demonymsFr) {
                all.add(entry(d, Term.Kind.DEMONYM, code));
            }
            for (String s : seats) {
                all.add(entry(s, Term.Kind.SEAT, code));
            }
            for (String p : list(row, 5)) {
                all.add(entry(p + "-", Term.Kind.PREFIX, code));
            }
            String frName = list(row, 1).isEmpty() ? fr : list(row, 1).get(0);
            names.add(new CountryNames(code, en, fr, withArticle(frName, code), demonymsEn, demonymsFr, seats));
        }
        this.countries = List.copyOf(names);
        this.phrases = List.copyOf(all);
    }

    public static Gazetteer standard() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Gazetteer INSTANCE = new Gazetteer(read("countries.tsv"));
    }

    public List<CountryNames> countries() {
        return countries;
    }

    List<PhraseMatcher.Entry<Term>> phrases() {
        return phrases;
    }

    static PhraseMatcher.Entry<Term> entry(String written, Term.Kind kind, String code) {
        String w = written.strip();
        // acronyms (US, UN, UE, RDC) are matched as written: "us" and "un" are common words
        boolean exact = w.length() <= 6 && w.equals(w.toUpperCase(Locale.ROOT)) && w.chars().anyMatch(Character::isLetter);
        return new PhraseMatcher.Entry<>(FoldedText.fold(w), new Term(kind, code, exact, w));
    }

    /** kazakh gives kazakh, kazakhe, kazakhs, kazakhes; vietnamien gives vietnamienne(s)... */
    static List<String> frenchForms(List<String> masculine) {
        Set<String> forms = new LinkedHashSet<>();
        for (String m : masculine) {
            if (m.contains("/")) {
                for (String f : m.split("/")) {
                    forms.add(f.strip());
                }
                continue;
            }
            forms.add(m);
            String feminine;
            if (m.endsWith("ien") || m.endsWith("éen") || m.endsWith("een")) {
                feminine = m + "ne";
            } else if (m.endsWith("e")) {
                feminine = m;
            } else {
                feminine = m + "e";
            }
            forms.add(feminine);
            forms.add(m.endsWith("s") ? m : m + "s");
            forms.add(feminine + "s");
        }
        return new ArrayList<>(forms);
    }

    static List<String> englishForms(List<String> demonyms) {
        Set<String> forms = new LinkedHashSet<>();
        for (String d : demonyms) {
            forms.add(d);
            if (!d.endsWith("s") && !d.endsWith("ese") && !d.endsWith("sh") && !d.endsWith("ch") && !d.endsWith("ss")) {
                forms.add(d + "s");
            }
        }
        return new ArrayList<>(forms);
    }

    private static final Set<String> PLURAL = Set.of("PH", "KM", "MV", "SC", "BS", "NL", "AE", "US", "MH", "SB", "FJ");
    private static final Set<String> NO_ARTICLE = Set.of("CU", "MT", "SG", "MC", "IL", "CY", "BH", "MU", "MG", "HT",
            "JM", "TO", "NR", "TV", "KI", "WS", "SM", "ST", "LC", "KN", "AG", "DM", "GD", "BB", "VA", "TL", "BN", "OM",
            "DJ", "QA", "KW", "SV", "PA", "CV", "NZ", "VU", "PW", "LU", "LI", "AD", "TT");
    /** French names ending in -e that are masculine */
    private static final Set<String> MASCULINE_E = Set.of("MX", "KH", "MZ", "ZW", "BZ", "SR", "CD", "ME");

    /** "le Vietnam", "la France", "l'Inde", "les Philippines", "Cuba" (most islands and city states take none). */
    static String withArticle(String name, String code) {
        if (NO_ARTICLE.contains(code)) {
            return name;
        }
        if (PLURAL.contains(code)) {
            return "les " + name;
        }
        String lower = name.toLowerCase(Locale.FRENCH);
        if ("aeiouyéèêâîôûœ".indexOf(lower.charAt(0)) >= 0) {
            return "l'" + name;
        }
        boolean feminine = lower.endsWith("e") && !MASCULINE_E.contains(code);
        return (feminine ? "la " : "le ") + name;
    }

    private static List<String> list(String[] row, int column) {
        if (column >= row.length || row[column].isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : row[column].split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    static List<String[]> read(String resource) {
        List<String[]> rows = new ArrayList<>();
        lines(resource, line -> rows.add(line.split("\t", -1)));
        return rows;
    }

    static void lines(String resource, Consumer<String> onLine) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing dictionary " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    onLine.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
