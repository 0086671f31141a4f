package org.entente.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running command until the JVM is asked to stop (Ctrl-C, SIGTERM). */
final class Shutdown {
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    Shutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            try {
                // let the command close its clients before the JVM goes away (bounded: a command
                // stuck in its close must not keep a service manager waiting forever)
                stopped.await(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "entente-shutdown"));
    }

    void awaitSignal() throws InterruptedException {
        stopping.await();
    }

    /** Called by the command once everything is closed. */
    void done() {
        stopped.countDown();
    }
}
