package org.entente.common;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a long replay shows: a bar redrawn in place on a terminal, plain periodic lines elsewhere. */
class ProgressTest {
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now = 1_000 * MS;

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalItPrintsAPlainLineEveryFiveSecondsWithoutRepeatingTheLast() {
        Progress progress = new Progress("replay", 1000, out, false, () -> now);
        for (int step = 1; step <= 10; step++) {
            now += 1_000 * MS;
            progress.advance(100);
        }
        progress.finish();
        assertThat(printed()).isEqualTo(String.join(System.lineSeparator(),
                "replay 500/1000 (50%)  100/s  ETA 5.0s",
                "replay 1000/1000 (100%)  100/s  in 10.0s", ""));
    }

    @Test
    void onATerminalItRedrawsABarInPlaceAndEndsTheLine() {
        Progress progress = new Progress("bench", 300, out, true, () -> now);
        now += 100 * MS;
        progress.advance(100);
        now += 200 * MS;
        progress.advance(100);
        now += 2_700 * MS;
        progress.advance(100);
        progress.finish();
        assertThat(printed()).isEqualTo(
                "\rbench [####################          ] 200/300 (67%)  667/s  ETA 0.2s"
                        + "\rbench [##############################] 300/300 (100%)  100/s  in 3.0s"
                        + "\rbench [##############################] 300/300 (100%)  100/s  in 3.0s\n");
    }

    @Test
    void withoutATotalItCountsAndGivesTheRate() {
        Progress progress = new Progress("replay", 0, out, false, () -> now);
        now += 90_000 * MS;
        progress.advance(4500);
        progress.finish();
        assertThat(printed()).isEqualTo(String.join(System.lineSeparator(),
                "replay 4500  50/s  in 1m30s", ""));
    }

    @Test
    void aShortQuietRunPrintsNothing() {
        Progress progress = new Progress("replay", 2, out, false, () -> now);
        now += 300 * MS;
        progress.advance(2);
        progress.finish();
        assertThat(printed()).isEmpty();
    }
}
