package org.entente.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Value of every count topic: the dimensions of the key spelled out (absent ones are null and
 * left out of the JSON) and the number of distinct articles, each in its latest version.
 * A count that falls to zero is published as a tombstone, never as {@code articles: 0}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountValue(String pair, String domain, String month, long articles) {
}
