package org.jmicrovm.module.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The corpus' rule for comparing our error messages with nixpkgs' (see the corpus README): every
 * non-empty line of {@code expected-error.txt}, trimmed, must occur in our message once
 * {@code :<line>:<column>} positions behind file names are removed from it, since our messages
 * add positions that nixpkgs' lib does not print.
 */
public record ExpectedError(List<String> lines) {

    // `a.nix:3:5' → `a.nix'; also bare "a.nix:3:5" at the end of a word.
    private static final Pattern POSITION = Pattern.compile("(\\.nix):\\d+:\\d+");

    public ExpectedError {
        lines = List.copyOf(lines);
    }

    public static ExpectedError parse(String expectedErrorText) {
        List<String> lines = new ArrayList<>();
        for (String line : expectedErrorText.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                lines.add(trimmed);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an expected error must have at least one line");
        }
        return new ExpectedError(lines);
    }

    /** The lines of this expectation missing from {@code actualMessage}; empty when it matches. */
    public List<String> missingFrom(String actualMessage) {
        String actual = withoutPositions(actualMessage);
        return lines.stream().filter(line -> !actual.contains(line)).toList();
    }

    public boolean matches(String actualMessage) {
        return missingFrom(actualMessage).isEmpty();
    }

    static String withoutPositions(String message) {
        return POSITION.matcher(message).replaceAll("$1");
    }
}
