package org.entente.broker;

/** A SCRAM-SHA-512 credential created when the broker's storage is formatted. */
public record ScramUser(String name, String password) {
    @Override
    public String toString() {
        // the password never reaches a log line
        return "ScramUser[" + name + "]";
    }
}
