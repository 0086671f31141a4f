package org.entente.common;

import java.util.List;

/**
 * Names of every topic Entente reads or writes. Kebab-case nouns, held once so the producer,
 * the topology, the view writer and the compose file cannot drift apart.
 */
public final class Topics {
    /** Input: key = article id (string), value = {@link Article} JSON, null = retraction. */
    public static final String ARTICLES = "articles";
    /** Poison records from {@link #ARTICLES}, with reason and origin in headers. */
    public static final String ARTICLES_DLQ = "articles-dlq";
    /** Compacted: key = article id, value = {@link ArticleFacts} JSON, null = retracted. */
    public static final String ARTICLE_FACTS = "article-facts";
    /** Compacted: key = {@code KZ-VN|trade}, value = {@link CountValue} JSON, null = zero. */
    public static final String PAIR_DOMAIN_COUNTS = "pair-domain-counts";
    /** Compacted: key = {@code KZ-VN}, value = {@link CountValue} JSON, null = zero. */
    public static final String PAIR_COUNTS = "pair-counts";
    /** Compacted: key = {@code trade}, value = {@link CountValue} JSON, null = zero. */
    public static final String DOMAIN_COUNTS = "domain-counts";
    /** Compacted: key = {@code KZ-VN|2025-05}, value = {@link CountValue} JSON, null = zero. */
    public static final String PAIR_MONTH_COUNTS = "pair-month-counts";

    /** The four count topics, in the order views list them. */
    public static final List<String> COUNT_TOPICS =
            List.of(PAIR_DOMAIN_COUNTS, PAIR_COUNTS, DOMAIN_COUNTS, PAIR_MONTH_COUNTS);

    /** Everything the view writer materialises. */
    public static final List<String> VIEW_TOPICS = List.of(
            ARTICLE_FACTS, PAIR_DOMAIN_COUNTS, PAIR_COUNTS, DOMAIN_COUNTS, PAIR_MONTH_COUNTS);

    /** Topics that hold a table (latest value per key) and must be compacted. */
    public static final List<String> COMPACTED = VIEW_TOPICS;

    /** Every topic that Entente creates, input first. */
    public static final List<String> ALL = List.of(
            ARTICLES, ARTICLES_DLQ, ARTICLE_FACTS,
            PAIR_DOMAIN_COUNTS, PAIR_COUNTS, DOMAIN_COUNTS, PAIR_MONTH_COUNTS);

    private Topics() {
    }
}
