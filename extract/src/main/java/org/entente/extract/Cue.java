package org.entente.extract;

import java.util.List;
import java.util.Map;

/**
 * Words that tell what a sentence does. They decide which countries act in an article and which
 * domain words speak of cooperation.
 */
enum Cue {
    /** the sentence describes cooperation, an agreement, a meeting, relations */
    COOPERATION,
    /** an enumeration of fields: "dans des domaines tels que", "in areas such as" */
    ENUMERATION,
    /** a visit or a host: a country named as the place then still acts */
    VISIT,
    /** a link to another story: its countries are not this article's */
    ELSEWHERE,
    /** war, invasion, colonial past: countries named there are not cooperating */
    ADVERSARIAL,
    /** a sports match: rivals are not partners */
    MATCH,
    /** the members of a bloc listed */
    MEMBERSHIP;

    static {
        // sets of cues are kept as the bits of an int (bit, in): one bit a cue
        if (values().length > Integer.SIZE) {
            throw new IllegalStateException(values().length + " cues do not fit in the " + Integer.SIZE + " bits of an int");
        }
    }

    /** This cue in a set of cues kept as the bits of an int. */
    int bit() {
        return 1 << ordinal();
    }

    /** Whether a set of cues kept as bits holds this one. */
    boolean in(int cues) {
        return (cues & bit()) != 0;
    }

    static final Map<Cue, List<String>> PHRASES = Map.of(
            COOPERATION, List.of(
                    "cooperation", "cooperer", "coopereront", "cooperent", "cooperate", "cooperating", "partenariat",
                    "partenariats", "partnership", "partenaire", "partenaires", "partner", "partners", "accord", "accords",
                    "agreement", "agreements", "agreed", "agree", "convenu", "convenus", "convenue", "convenues", "conviennent",
                    "signe", "signes", "signent", "signature", "signed", "sign", "signing", "renforcer", "renforcement",
                    "strengthen", "strengthening", "approfondir", "deepen", "deepening", "relations", "relation",
                    "ties", "bilateral", "bilaterale", "bilaterales", "bilateraux", "trilateral", "trilaterale", "visite",
                    "visit", "rencontre", "rencontrent", "met", "meeting", "entretien", "entretiens", "talks",
                    "sommet", "summit", "pourparlers", "memorandum", "protocole", "conjoint", "conjointe", "joint",
                    "mutuel", "mutuelle", "mutual", "soutien", "support", "collaboration", "collaborer", "dialogue",
                    "homologue", "homologues", "counterpart", "counterparts", "delegation", "delegations",
                    "les deux pays", "les deux parties", "both countries", "the two countries", "both sides",
                    "amitie", "friendship", "echanges", "exchanges", "engages", "pledged", "committed", "discussed",
                    "discute", "entre les deux", "between the two", "renouvele",
                    "renouvelle", "renewed", "renew", "relance", "relancent", "relancer", "relaunch", "relaunched",
                    "lance", "lancent", "launched", "launch", "coordonner", "coordinate", "coordination",
                    "commun", "commune", "communs", "common", "shared", "interconnexion", "interconnection"),
            ENUMERATION, List.of("domaines", "domaine", "secteurs", "secteur", "fields", "field", "areas", "area",
                    "sectors", "sector", "tels que", "such as", "notamment", "including", "ainsi que"),
            VISIT, List.of("visite", "visit", "en visite", "voyage", "tournee", "tour", "accueilli", "accueille",
                    "hosted", "hosts", "host", "recu", "received", "welcomed", "arrive", "arrived", "se rendre"),
            ELSEWHERE, List.of("lire aussi", "a lire aussi", "voir aussi", "read also", "read more", "see also",
                    "related story", "also read", "a lire"),
            ADVERSARIAL, List.of("guerre", "guerres", "war", "wars", "invasion", "invaded", "envahi", "envahir",
                    "colonial", "coloniale", "colonisation", "colonization", "occupation", "bombardement", "bombing",
                    "hostilites", "hostilities", "conflit arme", "armed conflict", "annexion", "annexation",
                    "sanctions contre", "sanctions against", "condamne", "condemned", "accuse", "accused", "rival",
                    "rivaux", "adversaire", "adversaires", "ennemi", "ennemis", "enemy", "enemies"),
            MATCH, List.of("match", "matchs", "bat", "battu", "battue", "beat", "beats", "defeated", "victoire sur",
                    "football", "finale", "tournoi", "tournament", "championnat", "championship", "coupe du monde",
                    "world cup",
                    "victory over", "vaincu", "vaincue", "eliminated", "elimine", "eliminee"),
            MEMBERSHIP, List.of("membre", "membres", "member", "members", "member states", "etats membres",
                    "compose de", "composed of", "comprend", "comprising", "regroupe", "groups", "includes", "include",
                    "comprises", "compte"));
}
