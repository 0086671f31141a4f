package org.entente.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 25 cooperation domains, each with a definition and French and English cues
 * ({@code domains.tsv}).
 */
public final class Domains {
    private record Domain(String id, String definition, List<String> en, List<String> fr) {
    }

    private static final Map<String, Domain> DOMAINS = load();

    private Domains() {
    }

    /** The ids, in the order of the definitions. */
    public static List<String> ids() {
        return List.copyOf(DOMAINS.keySet());
    }

    public static String definition(String id) {
        return domain(id).definition();
    }

    /** Cue phrases recognised for a domain: {@code lang} is "fr" or "en". */
    public static List<String> cues(String id, String lang) {
        Domain d = domain(id);
        return switch (lang) {
            case "en" -> d.en();
            case "fr" -> d.fr();
            default -> throw new IllegalArgumentException("language must be fr or en, got " + lang);
        };
    }

    private static Domain domain(String id) {
        Domain d = DOMAINS.get(id);
        if (d == null) {
            throw new IllegalArgumentException("unknown domain " + id);
        }
        return d;
    }

    static List<PhraseMatcher.Entry<Term>> phrases() {
        List<PhraseMatcher.Entry<Term>> out = new ArrayList<>();
        for (Domain d : DOMAINS.values()) {
            for (String cue : d.en()) {
                out.add(new PhraseMatcher.Entry<>(FoldedText.fold(cue), new Term(Term.Kind.DOMAIN, d.id(), false, cue)));
            }
            for (String cue : d.fr()) {
                out.add(new PhraseMatcher.Entry<>(FoldedText.fold(cue), new Term(Term.Kind.DOMAIN, d.id(), false, cue)));
            }
        }
        return out;
    }

    private static Map<String, Domain> load() {
        Map<String, Domain> map = new LinkedHashMap<>();
        Gazetteer.lines("domains.tsv", line -> {
            String[] f = line.split("\t", -1);
            map.put(f[0], new Domain(f[0], f[1], List.of(f[2].split(";")), List.of(f[3].split(";"))));
        });
        return map;
    }
}
