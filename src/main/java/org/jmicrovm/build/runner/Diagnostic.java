package org.jmicrovm.build.runner;

import java.util.Optional;

/**
 * An evaluation-time finding about a spec: an error stops the build (microvm.nix throws or asserts), a
 * warning is printed and the build goes on, a note explains a choice jmicrovm made for the user.
 *
 * @param severity how bad
 * @param option   the option path the finding is about, e.g. {@code microvm.shares.[1]}
 * @param message  what is wrong, in one sentence
 * @param hint     what to do about it, if there is something obvious
 */
public record Diagnostic(Severity severity, String option, String message, Optional<String> hint) {

    public enum Severity { ERROR, WARNING, NOTE }

    public Diagnostic {
        java.util.Objects.requireNonNull(severity);
        java.util.Objects.requireNonNull(option);
        java.util.Objects.requireNonNull(message);
        java.util.Objects.requireNonNull(hint);
    }

    public static Diagnostic error(String option, String message, String hint) {
        return new Diagnostic(Severity.ERROR, option, message, Optional.ofNullable(hint));
    }

    public static Diagnostic warning(String option, String message, String hint) {
        return new Diagnostic(Severity.WARNING, option, message, Optional.ofNullable(hint));
    }

    public static Diagnostic note(String option, String message) {
        return new Diagnostic(Severity.NOTE, option, message, Optional.empty());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line as the CLI prints it; microvm.nix prefixes its guest assertions with {@code MicroVM <hostName>:}. */
    public String render(String hostName) {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": MicroVM " + hostName + ": " + option + ": "
            + message + hint.map(h -> " (hint: " + h + ")").orElse("");
    }
}
