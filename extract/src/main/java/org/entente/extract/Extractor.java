package org.entente.extract;

import org.entente.common.Article;
import org.entente.common.ArticleFacts;
import org.entente.common.CountKeys;
import org.entente.common.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one article and says which countries act in it, which pairs they form and which
 * cooperation domains it names, with the phrases behind each fact. Thread-safe; build once.
 */
public final class Extractor {
    private static final Map<String, String> DOMAIN_WORDS = Map.ofEntries(
            Map.entry("trade", "trade"), Map.entry("commerce", "trade"),
            Map.entry("investment", "investment"), Map.entry("investissement", "investment"),
            Map.entry("energy", "energy"), Map.entry("énergie", "energy"), Map.entry("pétrole", "energy"),
            Map.entry("defence", "defence"), Map.entry("défense", "defence"),
            Map.entry("education", "education"), Map.entry("éducation", "education"),
            Map.entry("tourism", "tourism"), Map.entry("tourisme", "tourism"),
            Map.entry("agriculture", "agriculture"), Map.entry("transport", "transport"),
            Map.entry("transports", "transport"), Map.entry("mining", "mining"));

    private final Map<String, String> countryNames = new TreeMap<>();
    private final Pattern pattern;

    private Extractor() {
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            countryNames.put(country.getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
            countryNames.put(country.getDisplayCountry(Locale.FRENCH).toLowerCase(Locale.ROOT), code);
        }
        List<String> words = new ArrayList<>(countryNames.keySet());
        words.addAll(DOMAIN_WORDS.keySet());
        words.sort((a, b) -> b.length() - a.length());
        StringBuilder alternation = new StringBuilder();
        for (String w : words) {
            alternation.append(alternation.length() == 0 ? "" : "|").append(Pattern.quote(w));
        }
        pattern = Pattern.compile("(?<![\\p{L}])(" + alternation + ")(?![\\p{L}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public static Extractor standard() {
        return Holder.INSTANCE;
    }

    public ArticleFacts extract(Article article) {
        String text = ArticleFacts.textOf(article);
        TreeSet<String> countries = new TreeSet<>();
        TreeSet<String> domains = new TreeSet<>();
        List<Evidence> evidence = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            String code = countryNames.get(word);
            if (code != null) {
                countries.add(code);
                evidence.add(new Evidence(m.group(1), m.start(1), m.end(1), Evidence.COUNTRY, code));
            } else {
                String domain = DOMAIN_WORDS.get(word);
                domains.add(domain);
                evidence.add(new Evidence(m.group(1), m.start(1), m.end(1), Evidence.DOMAIN, domain));
            }
        }
        List<String> codes = new ArrayList<>(countries);
        TreeSet<String> pairs = new TreeSet<>();
        for (int i = 0; i < codes.size(); i++) {
            for (int j = i + 1; j < codes.size(); j++) {
                pairs.add(CountKeys.pair(codes.get(i), codes.get(j)));
            }
        }
        return new ArticleFacts(article.id(), article.version(), article.date(), article.title(), article.source(),
                codes, new ArrayList<>(pairs), new ArrayList<>(domains), evidence);
    }

    private static final class Holder {
        static final Extractor INSTANCE = new Extractor();
    }
}
