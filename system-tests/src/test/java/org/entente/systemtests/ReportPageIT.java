package org.entente.systemtests;

import org.entente.cli.Main;
import org.entente.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The report page, opened in a real headless Chromium on the demo's views. */
class ReportPageIT {
    private static final Path SEEDS = Path.of(System.getProperty("entente.home", "..")).resolve("seeds");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path data;

    @Test
    void showsTheSameNumbersAsTheJsonViews() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        assertThat(Main.run("demo", "--data", data.toString(), "--port", "0", "--seeds", SEEDS.toString())).isZero();
        Path views = data.resolve("views");
        Path page = views.resolve("index.html");

        String dom = chromium("--dump-dom", page.toUri().toString());
        assertThat(table(dom, "top-pairs")).isEqualTo(Views.counts(views, Topics.PAIR_COUNTS));
        assertThat(table(dom, "top-domains")).isEqualTo(Views.counts(views, Topics.DOMAIN_COUNTS));
        assertThat(dom).contains("Kazakhstan – Vietnam").contains("Kyrgyzstan – Vietnam");
        assertThat(dom).contains("counts match facts");
        // ECharts drew the heatmap into a canvas
        assertThat(dom).containsPattern("<div id=\"heatmap\"[^>]*_echarts_instance_");

        Path shot = Path.of("target", "report-page.png").toAbsolutePath();
        chromium("--screenshot=" + shot, "--window-size=1400,1100", page.toUri().toString());
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    /** Rows of a two-or-three column table: first cell the key, last cell the count. */
    private static Map<String, Long> table(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table %s in the page", id).isPositive();
        String body = dom.substring(start, dom.indexOf("</table>", start));
        Map<String, Long> rows = new TreeMap<>();
        Matcher row = Pattern.compile("<tr><td>([^<]+)</td>(?:<td>[^<]*</td>)?<td class=\"n\">(\\d+)</td></tr>").matcher(body);
        while (row.find()) {
            rows.put(row.group(1), Long.parseLong(row.group(2)));
        }
        return rows;
    }

    private String chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + data.resolve("chromium"),
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
