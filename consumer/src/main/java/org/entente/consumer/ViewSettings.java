package org.entente.consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.entente.common.EntenteConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * @param outDir           where the views are written; nothing is ever written outside it
 * @param flushInterval    the longest a change waits before the files show it
 * @param heatmapPairs     pairs shown in the report's heatmap (the JSON views stay complete)
 * @param articlesPerCell  articles listed per heatmap cell in the report
 * @param reportInterval   while records keep arriving, the report page is rendered at most this
 *                         often; a flush that has read everything and adds up always renders it
 */
public record ViewSettings(Path outDir, Duration flushInterval, int heatmapPairs, int articlesPerCell,
                           Duration reportInterval) {
    public static final String DIR = "entente.views.dir";
    public static final String FLUSH_MS = "entente.views.flush.ms";
    public static final String GROUP = "entente.views.group";

    public static ViewSettings from(EntenteConfig config) {
        return new ViewSettings(Path.of(config.get(DIR, "views")).toAbsolutePath(),
                Duration.ofMillis(config.getLong(FLUSH_MS, 200)),
                config.getInt("entente.report.pairs", 40), config.getInt("entente.report.articles.per.cell", 50),
                Duration.ofMillis(config.getLong("entente.report.refresh.ms", 5000)));
    }

    public static Properties consumerProperties(EntenteConfig config) {
        Properties p = new Properties();
        // only what a committed transaction wrote: a count never shows a state Streams rolled back
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // offsets are committed by hand, after the files that reflect them are on disk
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.get(GROUP, "entente-views"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get("entente.client.id", "entente-views"));
        p.putAll(config.clientProperties());
        return p;
    }
}
