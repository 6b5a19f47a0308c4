package org.jmicrovm.lang.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 asks for 10 000-deep nested expressions, deeper than Nix 2.8's own parser accepts (it stops with
 * "memory exhausted" at a few thousand levels), so these are not differential: the expected values are
 * computed here from the shape of the generated text.
 */
class DeepNestingEvaluationTest {

    private static final int DEPTH = 10_000;

    private static String evalJson(String text) {
        try (NixEvaluator evaluator = new NixEvaluator(EvalOptions.isolated().withHomeDir(Path.of("/tmp")))) {
            return evaluator.toJson(evaluator.evalString(text, Path.of("/tmp")));
        }
    }

    @Test
    void parentheses() {
        assertThat(evalJson("(".repeat(DEPTH) + "1" + ")".repeat(DEPTH))).isEqualTo("1");
    }

    @Test
    void nestedLists() {
        assertThat(evalJson("[".repeat(DEPTH) + " 1 " + "]".repeat(DEPTH)))
                .isEqualTo("[".repeat(DEPTH) + "1" + "]".repeat(DEPTH));
    }

    @Test
    void rightNestedSum() {
        assertThat(evalJson("1 + (".repeat(DEPTH - 1) + "1" + ")".repeat(DEPTH - 1))).isEqualTo(Integer.toString(DEPTH));
    }

    @Test
    void leftAssociativeSum() {
        assertThat(evalJson("0" + " + 1".repeat(DEPTH))).isEqualTo(Integer.toString(DEPTH));
    }

    @Test
    void nestedSets() {
        assertThat(evalJson("{ a = ".repeat(DEPTH) + "\"bottom\"" + "; }".repeat(DEPTH)))
                .isEqualTo("{\"a\":".repeat(DEPTH) + "\"bottom\"" + "}".repeat(DEPTH));
    }

    @Test
    void nestedLets() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < DEPTH; i++) {
            text.append("let v").append(i).append(" = ").append(i == 0 ? "0" : "v" + (i - 1)).append(" + 1; in ");
        }
        text.append("v").append(DEPTH - 1);
        assertThat(evalJson(text.toString())).isEqualTo(Integer.toString(DEPTH));
    }

    @Test
    void nestedLambdasApplied() {
        String text = "x: ".repeat(DEPTH) + "x";
        assertThat(evalJson("(" + text + ")" + " 1".repeat(DEPTH))).isEqualTo("1");
    }
}
