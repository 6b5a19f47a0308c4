package org.jmicrovm.build;

/** A VM that cannot be built as declared; names the VM and the option to change. */
public class BuildException extends RuntimeException {
    public BuildException(String vm, String option, String message) {
        super("MicroVM " + vm + ": " + option + ": " + message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
