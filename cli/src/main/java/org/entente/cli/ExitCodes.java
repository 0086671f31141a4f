package org.entente.cli;

/** Exit codes shared by every sub-command. */
final class ExitCodes {
    static final int OK = 0;
    /** The command failed: nothing or not all of it was done. */
    static final int FAILED = 1;
    /** Some inputs were rejected; every good one was processed. */
    static final int PARTIAL = 3;

    private ExitCodes() {
    }
}
