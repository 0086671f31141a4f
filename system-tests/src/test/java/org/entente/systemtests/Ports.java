package org.entente.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free local ports for the HTTP endpoints of child processes, so parallel instances never clash. */
final class Ports {
    private Ports() {
    }

    static String freeLocalAddress() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "localhost:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
