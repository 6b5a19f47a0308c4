package org.jmicrovm.module.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpectedErrorTest {

    private static final String CONFLICT = """
            The option `count' has conflicting definition values:
            - In `b.nix': 2
            - In `a.nix': 1
            Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.
            """;

    @Test
    void acceptsTheOraclesOwnMessage() {
        assertThat(ExpectedError.parse(CONFLICT).matches("error: " + CONFLICT.indent(7))).isTrue();
    }

    @Test
    void acceptsPositionsAfterFileNamesAndExtraHints() {
        String ours = """
                error: The option `count' has conflicting definition values:
                       - In `b.nix:1:3': 2
                       - In `a.nix:1:3': 1
                       Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.
                       hint: both definitions have priority 100 (plain)
                """;
        assertThat(ExpectedError.parse(CONFLICT).missingFrom(ours)).isEmpty();
    }

    @Test
    void reportsTheLinesThatAreMissing() {
        String ours = "The option `count' has conflicting definition values:\n- In `b.nix': 2\n";
        assertThat(ExpectedError.parse(CONFLICT).missingFrom(ours))
                .containsExactly("- In `a.nix': 1",
                        "Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.");
    }

    @Test
    void blankExpectationIsRejected() {
        assertThatThrownBy(() -> ExpectedError.parse("\n  \n")).isInstanceOf(IllegalArgumentException.class);
    }
}
