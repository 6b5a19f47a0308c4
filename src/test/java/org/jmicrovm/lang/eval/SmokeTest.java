package org.jmicrovm.lang.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.NixException;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        try (NixEvaluator n = new NixEvaluator(EvalOptions.isolated())) {
            String[] exprs = {"1 + 2", "let x = 1; y = x + 1; in [x y]", "{ b = 1; a = \"x${toString 2}\"; }",
                "builtins.map (x: x * 2) [1 2 3]", "rec { a = 1; b = a; }", "(x: x.y) { y = 3; }",
                "builtins.attrNames { z = 1; a = 2; }", "with { q = 5; }; q", "let f = {a, b ? a}: a + b; in f { a = 3; }",
                "builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000000)", "let x = x; in x", "{a=1;}.b",
                "builtins.split \"(a|ab)\" \"abc\"", "builtins.sort builtins.lessThan [3 1 2]", "1.0 / 3"};
            for (String e : exprs) {
                try {
                    Value v = n.evalString(e, Path.of("/tmp"));
                    System.out.println(e + " => " + n.toJson(v) + "   |   " + n.print(v, true));
                } catch (NixException ex) {
                    System.out.println(e + " => " + ex.render());
                }
            }
        }
        assertThat(true).isTrue();
    }
}
