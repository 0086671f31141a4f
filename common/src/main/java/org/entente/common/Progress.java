package org.entente.common;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long run: on a terminal a bar redrawn in place with count, rate and ETA; elsewhere
 * (logs, CI) a plain line every few seconds, so output stays readable in a file.
 */
public final class Progress {
    private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

    private final String what;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long started;
    private long done;
    private long lastShown;
    private boolean shownAny;
    private long shownDone = -1;

    /** @param total expected units, or 0 when unknown */
    public Progress(String what, long total, PrintStream out, boolean terminal) {
        this(what, total, out, terminal, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    Progress(String what, long total, PrintStream out, boolean terminal, LongSupplier clock) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastShown = started;
    }

    /** On stderr, as a bar when stderr is a terminal. */
    public static Progress onStderr(String what, long total) {
        return new Progress(what, total, System.err, System.console() != null);
    }

    public synchronized void advance(long units) {
        done += units;
        long now = clock.getAsLong();
        if (now - lastShown >= (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            lastShown = now;
            show(now, false);
        }
    }

    public synchronized long done() {
        return done;
    }

    /** The last line: always shown once a bar or line was drawn, or the run took over a second. */
    public synchronized void finish() {
        long now = clock.getAsLong();
        // a plain line already showing the final count is not repeated; a bar still needs its line end
        boolean repeat = !terminal && shownDone == done;
        if ((shownAny || now - started > 1_000_000_000L) && !repeat) {
            show(now, true);
        }
    }

    private void show(long now, boolean last) {
        shownAny = true;
        shownDone = done;
        String line = line(now);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        double rate = done / seconds;
        StringBuilder s = new StringBuilder(what).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            if (terminal) {
                int filled = (int) Math.round(fraction * 30);
                s.append('[').append("#".repeat(filled)).append(" ".repeat(30 - filled)).append("] ");
            }
            s.append(done).append('/').append(total)
                    .append(String.format(Locale.ROOT, " (%.0f%%)", fraction * 100));
        } else {
            s.append(done);
        }
        s.append(String.format(Locale.ROOT, "  %.0f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            s.append("  ETA ").append(duration((total - done) / rate));
        } else {
            s.append("  in ").append(duration(seconds));
        }
        return s.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
