package org.jmicrovm.model;

/**
 * A value that cannot be a resolved MicroVM option: the option path says which one, so whoever
 * built the record (the module-system reader, a test) can point the user at the definition.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private final String optionPath;

    public InvalidSpecException(String optionPath, String problem) {
        super(optionPath + ": " + problem);
        this.optionPath = optionPath;
    }

    /** The option path, e.g. {@code microvm.shares.[1].tag}. */
    public String optionPath() {
        return optionPath;
    }
}
