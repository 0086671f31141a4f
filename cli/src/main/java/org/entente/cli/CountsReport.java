package org.entente.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import org.entente.common.CountValue;
import org.entente.common.Json;
import org.entente.common.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The short table the demo prints: pair x domain counts read back from the views on disk. */
final class CountsReport {
    private CountsReport() {
    }

    static String render(Path viewsDir) throws IOException {
        Path file = viewsDir.resolve(Topics.PAIR_DOMAIN_COUNTS + ".json");
        List<CountValue> counts = Json.MAPPER.readValue(file.toFile(), new TypeReference<List<CountValue>>() { });
        List<CountValue> sorted = new ArrayList<>(counts);
        sorted.sort(Comparator.comparing(CountValue::pair).thenComparing(CountValue::domain));
        List<List<String>> rows = new ArrayList<>();
        for (CountValue c : sorted) {
            rows.add(List.of(c.pair(), names(c.pair()), c.domain(), Long.toString(c.articles())));
        }
        return TextTable.render(List.of("pair", "countries", "domain", "articles"), rows);
    }

    /** {@code KZ-VN} as {@code Kazakhstan / Vietnam}. */
    static String names(String pair) {
        int dash = pair.indexOf('-');
        return name(pair.substring(0, dash)) + " / " + name(pair.substring(dash + 1));
    }

    private static String name(String code) {
        return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    }

    static boolean exists(Path viewsDir) {
        return Files.exists(viewsDir.resolve(Topics.PAIR_DOMAIN_COUNTS + ".json"));
    }
}
