package org.jmicrovm.model;

/**
 * A value that cannot be a resolved MicroVM option: the option path says which one, so whoever
 * built the record (the module-system reader, a test) can point the user at the definition.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private final String optionPath;
    private final String problem;

    public InvalidSpecException(String optionPath, String problem) {
        super(optionPath + ": " + problem);
        this.optionPath = optionPath;
        this.problem = problem;
    }

    /** What is wrong with the value, without the option path. */
    public String problem() {
        return problem;
    }

    /**
     * The same problem at a more precise path: records of list and attribute-set elements name their
     * option with {@code *} for the element (they do not know their place), their reader does.
     */
    public InvalidSpecException at(String preciseOptionPath) {
        InvalidSpecException e = new InvalidSpecException(preciseOptionPath, problem);
        e.initCause(this);
        return e;
    }

    /** The option path, e.g. {@code microvm.shares.[1].tag} or {@code microvm.shares.*.tag}. */
    public String optionPath() {
        return optionPath;
    }
}
