package org.entente.common;

/** The string keys of the count topics, built in one place. */
public final class CountKeys {
    public static final char SEPARATOR = '|';

    private CountKeys() {
    }

    /** {@code "KZ","VN"} in any order gives {@code KZ-VN}. */
    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + '-' + b : b + '-' + a;
    }

    public static String pairDomain(String pair, String domain) {
        return pair + SEPARATOR + domain;
    }

    public static String pairMonth(String pair, String month) {
        return pair + SEPARATOR + month;
    }
}
