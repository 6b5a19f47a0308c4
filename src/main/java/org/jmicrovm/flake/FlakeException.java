package org.jmicrovm.flake;

/** A flake reference that cannot be parsed or fetched; the message says why and what to do. */
public class FlakeException extends RuntimeException {
    public FlakeException(String message) {
        super(message);
    }

    public FlakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
