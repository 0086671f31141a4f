package org.entente.consumer;

import java.util.Locale;

/** Counters of the view writer, in Prometheus' text format. */
final class ViewMetrics {
    volatile long read;
    volatile long skipped;
    volatile long flushes;
    volatile long lastFlushNanos;
    volatile long lag;
    /**
     * Time spent applying records, flushing (the page included), and on the page within flushes:
     * taking its data, and waiting for it on a flush that has read everything.
     */
    volatile long applyNanos;
    volatile long flushNanos;
    /** The writer thread's CPU time within flushes: the rest of {@link #flushNanos} is waiting (disk, scheduler). */
    volatile long flushCpuNanos;
    volatile long pageNanos;
    /** The page's thread: pages written, and its time and CPU time writing them. */
    volatile long pageRenders;
    volatile long pageRenderNanos;
    volatile long pageRenderCpuNanos;
    /** As of the last flush. */
    volatile long articles;
    volatile boolean consistent;

    String render() {
        StringBuilder out = new StringBuilder();
        metric(out, "entente_views_records_read_total", "counter", "Records read from the view topics.", read);
        metric(out, "entente_views_records_skipped_total", "counter", "Records that could not be parsed and were skipped.", skipped);
        metric(out, "entente_views_flushes_total", "counter", "Times the view files were rewritten.", flushes);
        out.append("# HELP entente_views_last_flush_seconds Duration of the last flush.\n")
                .append("# TYPE entente_views_last_flush_seconds gauge\n")
                .append(String.format(Locale.ROOT, "entente_views_last_flush_seconds %.6f%n", lastFlushNanos / 1e9));
        seconds(out, "entente_views_apply_seconds_total", "Time spent applying records to the tables.", applyNanos);
        seconds(out, "entente_views_flush_seconds_total", "Time spent writing files, the report page's data included.", flushNanos);
        seconds(out, "entente_views_flush_cpu_seconds_total", "CPU time of the writer's thread in flushes; the rest of the flush time is waiting for the disk or a core.", flushCpuNanos);
        seconds(out, "entente_views_page_seconds_total", "Time flushes spent on the report page (taking its data; waiting for it once caught up).", pageNanos);
        metric(out, "entente_views_pages_total", "counter", "Report pages written, on the page's own thread.", pageRenders);
        seconds(out, "entente_views_page_render_seconds_total", "Time the page's thread spent writing report pages.", pageRenderNanos);
        seconds(out, "entente_views_page_render_cpu_seconds_total", "CPU time of the page's thread writing report pages.", pageRenderCpuNanos);
        metric(out, "entente_views_lag_records", "gauge", "Records in the view topics not yet read.", lag);
        metric(out, "entente_views_articles", "gauge", "Articles in the views.", articles);
        metric(out, "entente_views_consistent", "gauge", "1 when every count view equals what the article facts imply.",
                consistent ? 1 : 0);
        return out.toString();
    }

    private static void seconds(StringBuilder out, String name, String help, long nanos) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(String.format(Locale.ROOT, "%s %.6f%n", name, nanos / 1e9));
    }

    private static void metric(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }
}
