package org.entente.systemtests;

import java.time.Duration;

/** Bounded waits on a condition: a test goes on as soon as it holds and fails, saying what, when it does not. */
final class Waits {
    private Waits() {
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
