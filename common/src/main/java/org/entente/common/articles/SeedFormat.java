package org.entente.common.articles;

import org.entente.common.Article;
import org.entente.common.ArticleId;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agencies' plain-text dispatch format:
 * <pre>
 *  date 2025-05 Title of the dispatch
 *
 * First paragraph...
 *
 * Last paragraph...
 *
 * VNA/CVN
 * </pre>
 * The header's leading space is optional; a BOM, CRLF line ends and trailing spaces are tolerated.
 */
public final class SeedFormat {
    private static final Pattern HEADER = Pattern.compile("^\\s?date\\s+(\\S+)\\s+(.+)$");

    private SeedFormat() {
    }

    public static Article parse(String text, String origin) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] raw = text.split("\r\n|\r|\n", -1);
        List<String> lines = new ArrayList<>(raw.length);
        for (String line : raw) {
            lines.add(line.stripTrailing());
        }
        if (lines.stream().allMatch(String::isEmpty)) {
            throw new ArticleFormatException(origin, "empty file");
        }
        Matcher header = HEADER.matcher(lines.get(0));
        if (!header.matches()) {
            throw new ArticleFormatException(origin + ":1", "expected ' date YYYY-MM Title', got '"
                    + Months.clip(lines.get(0)) + "'");
        }
        String date = header.group(1);
        String dateProblem = Months.problem(date);
        if (dateProblem != null) {
            throw new ArticleFormatException(origin + ":1", dateProblem);
        }
        String title = header.group(2).strip();
        if (lines.size() < 2 || !lines.get(1).isEmpty()) {
            throw new ArticleFormatException(origin + ":2", "expected a blank line after the header");
        }
        int last = lines.size() - 1;
        while (last > 1 && lines.get(last).isEmpty()) {
            last--;
        }
        if (last <= 1) {
            throw new ArticleFormatException(origin + ":3", "no body and no source after the header");
        }
        String source = lines.get(last).strip();
        int bodyEnd = last - 1;
        while (bodyEnd > 1 && lines.get(bodyEnd).isEmpty()) {
            bodyEnd--;
        }
        if (bodyEnd <= 1) {
            throw new ArticleFormatException(origin + ":" + (last + 1), "no body: the only line after the header is '"
                    + Months.clip(source) + "', taken as the source");
        }
        String body = String.join("\n", lines.subList(2, bodyEnd + 1)).strip();
        return new Article(ArticleId.of(source, date, title), date, title, body, source, origin);
    }

    /** The text {@link #parse} reads back into the same article. */
    public static String format(Article article) {
        return " date " + article.date() + " " + article.title() + "\n\n" + article.body().strip() + "\n\n"
                + article.source() + "\n";
    }
}
