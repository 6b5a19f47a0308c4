package org.jmicrovm.store;

/** A store operation that failed; the message says what and, where possible, what to do. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
