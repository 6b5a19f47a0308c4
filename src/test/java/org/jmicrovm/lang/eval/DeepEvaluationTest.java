package org.jmicrovm.lang.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.NixException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Deep and large inputs evaluate; runaway recursion is a Nix error, never a JVM crash or hang. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DeepEvaluationTest {

    private NixEvaluator nix;
    private final Path dir = Path.of("/tmp");

    @BeforeAll
    void start() {
        nix = new NixEvaluator(EvalOptions.isolated());
    }

    @AfterAll
    void stop() {
        nix.close();
    }

    private String json(String expr) {
        return nix.toJson(nix.evalString(expr, dir));
    }

    @Test
    void tenThousandDeepNestedList() {
        String expr = "[".repeat(10_000) + "1" + "]".repeat(10_000);
        assertThat(json(expr)).isEqualTo(expr.replace(" ", ""));
    }

    @Test
    void tenThousandDeepNestedSetsAndSelection() {
        String expr = "{a=".repeat(10_000) + "1" + ";}".repeat(10_000);
        String path = ".a".repeat(10_000);
        assertThat(json("(" + expr + ")" + path)).isEqualTo("1");
    }

    @Test
    void tenThousandDeepArithmetic() {
        assertThat(json("1" + " + 1".repeat(10_000))).isEqualTo("10001");
        assertThat(json("(".repeat(10_000) + "1" + " + 1)".repeat(10_000))).isEqualTo("10001");
    }

    @Test
    void longChainOfThunks() {
        StringBuilder b = new StringBuilder("let a0 = 0;");
        for (int i = 1; i <= 10_000; i++) {
            b.append(" a").append(i).append(" = a").append(i - 1).append(" + 1;");
        }
        b.append(" in a10000");
        assertThat(json(b.toString())).isEqualTo("10000");
    }

    @Test
    void deepNonTailRecursion() {
        assertThat(json("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 100000")).isEqualTo("100000");
    }

    @Test
    void hundredThousandElementList() {
        String json = json("builtins.genList (x: x * 2) 100000");
        assertThat(json).startsWith("[0,2,4,").endsWith(",199998]");
        String literal = "[" + "1 ".repeat(100_000) + "]";
        assertThat(json("builtins.length " + literal)).isEqualTo("100000");
    }

    @Test
    void millionStepFold() {
        assertThat(json("builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000000)")).isEqualTo("499999500000");
    }

    @Test
    void runawayRecursionIsANixErrorWithAPosition() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> json("let f = x: f x + 1; in f 0"))
                .isInstanceOf(NixException.class)
                .hasMessageContaining("stack overflow")
                .satisfies(e -> assertThat(((NixException) e).pos().isKnown()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        // The evaluator is still usable afterwards.
        assertThat(json("1 + 1")).isEqualTo("2");
    }

    @Test
    void runawayRecursionThroughThunksAndBuiltins() {
        assertThatThrownBy(() -> json("let l = builtins.genList (i: builtins.elemAt l (i + 1)) 10; in builtins.head l"))
                .isInstanceOf(NixException.class);
        assertThatThrownBy(() -> json("let f = x: builtins.map f [x]; in builtins.deepSeq (f 1) 1"))
                .isInstanceOf(NixException.class)
                .hasMessageContaining("stack overflow");
        assertThatThrownBy(() -> json("let x = { a = x.a; }; in x.a"))
                .isInstanceOf(NixException.class)
                .hasMessageContaining("infinite recursion");
    }

    @Test
    void deeplyNestedValueStructure() {
        assertThat(json("let f = n: if n == 0 then [] else [(f (n - 1))]; in builtins.length (f 50000)")).isEqualTo("1");
        String s = json("let f = n: if n == 0 then {} else { a = f (n - 1); }; in f 20000");
        assertThat(s).startsWith("{\"a\":{\"a\":").endsWith("}}");
    }
}
