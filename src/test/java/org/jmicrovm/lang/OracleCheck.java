package org.jmicrovm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.jmicrovm.lang.eval.Value;

/**
 * Compares our evaluator with {@code nix-instantiate} on one expression: the JSON output must
 * be byte-for-byte the same, and where Nix fails we must fail too, with the same message
 * (the first line, without Nix's "error: " prefix).
 */
public final class OracleCheck {

    private OracleCheck() {}

    /** Our --strict --json result: the JSON text, or "error: message". */
    public static String ours(NixEvaluator nix, String expr, Path dir) {
        try {
            Value v = nix.evalString(expr, dir);
            return nix.toJson(v);
        } catch (NixException e) {
            return "error: " + e.getMessage();
        }
    }

    public static void sameJson(NixEvaluator nix, String expr, Path dir) {
        assumeTrue(NixEvalOracle.available(), "nix-instantiate is not installed");
        NixEvalOracle.Result expected = NixEvalOracle.json(expr, dir);
        String actual = ours(nix, expr, dir);
        if (expected.ok()) {
            assertEquals(expected.output(), actual, () -> "for: " + expr);
        } else {
            if (!actual.startsWith("error: ")) {
                fail("Nix fails (" + expected.error() + ") but we gave " + actual + " for: " + expr);
            }
            // The oracle keeps the first line of Nix's message; compare the same.
            String firstLine = actual.lines().findFirst().orElse(actual);
            assertEquals(expected.error(), firstLine, () -> "error message for: " + expr);
        }
    }

    /** Like {@link #sameJson} but only requires that we fail where Nix fails, whatever the message. */
    public static void sameJsonAnyError(NixEvaluator nix, String expr, Path dir) {
        assumeTrue(NixEvalOracle.available(), "nix-instantiate is not installed");
        NixEvalOracle.Result expected = NixEvalOracle.json(expr, dir);
        String actual = ours(nix, expr, dir);
        if (expected.ok()) {
            assertEquals(expected.output(), actual, () -> "for: " + expr);
        } else if (!actual.startsWith("error: ")) {
            fail("Nix fails (" + expected.error() + ") but we gave " + actual + " for: " + expr);
        }
    }

    /** {@code nix-instantiate --eval [--strict]} printing. */
    public static void samePrint(NixEvaluator nix, String expr, Path dir, boolean strict) {
        assumeTrue(NixEvalOracle.available(), "nix-instantiate is not installed");
        NixEvalOracle.Result expected = NixEvalOracle.print(expr, dir, strict);
        String actual;
        try {
            actual = nix.print(nix.evalString(expr, dir), strict);
        } catch (NixException e) {
            actual = "error: " + e.getMessage();
        }
        assertEquals(expected.ok() ? expected.output() : expected.error(), actual, () -> "for: " + expr);
    }
}
