package org.entente.extract;

/**
 * What a dictionary phrase stands for.
 *
 * @param kind      see {@link Kind}
 * @param code      ISO code, domain id, organisation acronym or cue name
 * @param exactCase acronyms ("US", "UN") match only as written, never the words "us" or "un"
 * @param written   the phrase as written in the dictionary (for exact-case checks)
 */
record Term(Kind kind, String code, boolean exactCase, String written) {
    enum Kind {
        /** a country's name, official or short, with or without article */
        COUNTRY,
        /** an adjective or demonym: kazakh, kazakhe, Vietnamese */
        DEMONYM,
        /** a capital or seat of power used for the state: Hanoï, le Kremlin */
        SEAT,
        /** first half of a compound adjective: sino-, franco- */
        PREFIX,
        ORGANISATION,
        REGION,
        /** a name that contains a country name but is something else (Vietnam Airlines) */
        OTHER,
        DOMAIN,
        /** a word that says what kind of sentence this is (see {@link Cue}) */
        CUE;

        boolean isEntity() {
            return this != DOMAIN && this != CUE;
        }

        boolean isCountry() {
            return this == COUNTRY || this == DEMONYM || this == SEAT || this == PREFIX;
        }
    }
}
