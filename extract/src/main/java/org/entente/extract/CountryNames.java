package org.entente.extract;

import java.util.List;

/**
 * How a country is written, in both languages: for generated text and for people reading the
 * dictionaries. Every name here is recognised by the {@link Extractor}.
 *
 * @param nameFrWithArticle the French name as used in a sentence ("le Vietnam", "l'Inde")
 * @param demonymsFr        masculine singular first
 * @param seats             capitals and metonyms used for the state
 */
public record CountryNames(String code, String nameEn, String nameFr, String nameFrWithArticle,
                           List<String> demonymsEn, List<String> demonymsFr, List<String> seats) {
}
