package org.entente.common.articles;

import java.util.regex.Pattern;

/** Publication months are {@code YYYY-MM}, a real month of a plausible year. */
public final class Months {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}");

    private Months() {
    }

    /** @return null when valid, else why not */
    public static String problem(String date) {
        if (date == null || date.isBlank()) {
            return "no date";
        }
        if (!SHAPE.matcher(date).matches()) {
            return "date '" + clip(date) + "' is not YYYY-MM";
        }
        int year = Integer.parseInt(date.substring(0, 4));
        int month = Integer.parseInt(date.substring(5, 7));
        if (month < 1 || month > 12) {
            return "date '" + date + "' has no month " + month;
        }
        if (year < 1900 || year > 2100) {
            return "date '" + date + "' has an implausible year";
        }
        return null;
    }

    public static boolean valid(String date) {
        return problem(date) == null;
    }

    static String clip(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }
}
