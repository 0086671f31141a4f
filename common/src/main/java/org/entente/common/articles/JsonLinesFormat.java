package org.entente.common.articles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.entente.common.Article;
import org.entente.common.ArticleId;
import org.entente.common.Json;

/**
 * Feeds as JSON Lines: one object per line with {@code date}, {@code title}, {@code body},
 * {@code source} and optionally {@code id} (which wins over the derived id). A line
 * {@code {"id": "...", "retract": true}} withdraws that article (as {@code entente generate} writes).
 */
public final class JsonLinesFormat {
    private JsonLinesFormat() {
    }

    public static Article parseLine(String line, String origin) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ArticleFormatException(origin, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ArticleFormatException(origin, "expected a JSON object with date, title, body and source");
        }
        JsonNode retract = node.get("retract");
        if (retract != null && !retract.isNull()) {
            String id = text(node, "id");
            if (!retract.isBoolean() || !retract.booleanValue()) {
                throw new ArticleFormatException(origin, "\"retract\" must be true, got " + retract);
            }
            if (id == null || id.isBlank()) {
                throw new ArticleFormatException(origin, "a retraction needs the \"id\" of the article it withdraws");
            }
            return Article.retraction(id.strip(), origin);
        }
        String date = text(node, "date");
        String problem = Months.problem(date);
        if (problem != null) {
            throw new ArticleFormatException(origin, problem);
        }
        String title = text(node, "title");
        if (title == null || title.isBlank()) {
            throw new ArticleFormatException(origin, "no title");
        }
        String body = text(node, "body");
        if (body == null || body.isBlank()) {
            throw new ArticleFormatException(origin, "no body");
        }
        String source = text(node, "source");
        if (source == null) {
            source = "";
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            id = ArticleId.of(source, date, title.strip());
        }
        return new Article(id.strip(), date, title.strip(), body.strip(), source.strip(), origin);
    }

    public static String format(Article article) {
        if (article.isRetraction()) {
            return "{\"id\":" + quoted(article.id()) + ",\"retract\":true}";
        }
        try {
            return Json.MAPPER.writeValueAsString(new Article(article.id(), article.date(), article.title(),
                    article.body(), article.source(), null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an article always serialises", e);
        }
    }

    private static String quoted(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
