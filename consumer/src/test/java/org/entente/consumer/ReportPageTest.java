package org.entente.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.entente.common.ArticleFacts;
import org.entente.common.CountValue;
import org.entente.common.Evidence;
import org.entente.common.Json;
import org.entente.common.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPageTest {
    private static final String HOSTILE = "Talks end</script><script>alert(1)</script><!-- here\u2028and\u2029there";

    private static byte[] json(Object value) throws IOException {
        return Json.MAPPER.writeValueAsBytes(value);
    }

    /** The data is streamed into the page: a title that would end its script element is escaped, and reads back whole. */
    @Test
    void aTitleThatWouldEndTheScriptIsEscapedAndReadsBackWhole() throws IOException {
        ViewTables t = new ViewTables();
        t.apply(Topics.ARTICLE_FACTS, "a1", json(new ArticleFacts("a1", "v1", "2025-05", HOSTILE, "AFP", List.of("KZ", "VN"),
                List.of("KZ-VN"), List.of("trade"), List.of(new Evidence("Vietnam", 0, 7, Evidence.COUNTRY, "VN")))));
        t.apply(Topics.ARTICLE_FACTS, "a2", json(new ArticleFacts("a2", "v1", "2025-04", "No pair </b>", "AFP", List.of(),
                List.of(), List.of(), List.of())));
        t.apply(Topics.PAIR_COUNTS, "KZ-VN", json(new CountValue("KZ-VN", null, null, 1)));
        t.apply(Topics.DOMAIN_COUNTS, "trade", json(new CountValue(null, "trade", null, 1)));
        t.apply(Topics.PAIR_DOMAIN_COUNTS, "KZ-VN|trade", json(new CountValue("KZ-VN", "trade", null, 1)));

        String page = ReportPage.render(ReportPage.data(t, 40, 50));
        String withoutData = ReportPage.render(ReportPage.data(new ViewTables(), 40, 50));

        // the data adds no script end, comment start or raw line separator to the page
        assertThat(count(page, "</script")).isEqualTo(count(withoutData, "</script"));
        assertThat(count(page, "<!--")).isEqualTo(count(withoutData, "<!--"));
        assertThat(page).doesNotContain("\u2028").doesNotContain("\u2029");
        JsonNode data = dataOf(page);
        assertThat(data.path("articles")).hasSize(2);
        assertThat(data.path("articles").get(data.path("cellArticles").path("KZ-VN|trade").get(0).asInt()).path("title").asText())
                .isEqualTo(HOSTILE);
        assertThat(data.path("articles").get(data.path("attention").get(0).asInt()).path("title").asText()).isEqualTo("No pair </b>");
        assertThat(data.path("totals").path("articles").asInt()).isEqualTo(2);
        assertThat(data.path("totals").path("counted").asInt()).isEqualTo(1);
    }

    /** The page's data: one JSON object, the first field of which is when it was generated. */
    private static JsonNode dataOf(String page) throws IOException {
        int at = page.indexOf("{\"generated\"");
        assertThat(page.indexOf("{\"generated\"", at + 1)).isEqualTo(-1);
        // the reader stops at the end of the object; what follows is the rest of the page
        return Json.MAPPER.readTree(page.substring(at));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
