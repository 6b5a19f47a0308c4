package org.jmicrovm.lang.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Expr.*;
import org.jmicrovm.lang.ast.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Deep and long input parses without {@link StackOverflowError}, whatever the caller's
 * stack; beyond the limit it is a {@link ParseException} with a position.
 */
class DeepNestingTest {

    static Expr parse(String text) {
        return Parser.parse(Source.ofString(text, Path.of("/")), Path.of("/home"));
    }

    /** Parses on a thread with a small stack, as a caller deep in its own recursion would. */
    static Object parseOnSmallStack(String text) throws InterruptedException {
        Object[] result = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = parse(text);
            } catch (Throwable e) {
                result[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        return result[0];
    }

    static String nested(String kind, int n) {
        return switch (kind) {
            case "parens" -> "(".repeat(n) + "1" + ")".repeat(n);
            case "lists" -> "[".repeat(n) + "]".repeat(n);
            case "lets" -> "let a = 1; in ".repeat(n) + "a";
            case "lambdas" -> "x: ".repeat(n) + "x";
            case "sets" -> "{ a = ".repeat(n) + "1" + "; }".repeat(n);
            case "strings" -> "\"${".repeat(n) + "1" + "}\"".repeat(n);
            case "ifs" -> "if a then b else ".repeat(n) + "c";
            case "selects" -> "a.b or ".repeat(n) + "c";
            case "negations" -> "-".repeat(n) + "1";
            case "nots" -> "!".repeat(n) + "a";
            case "withs" -> "with a; ".repeat(n) + "b";
            case "attrpath" -> "{ " + "a.".repeat(n) + "a = 1; }";
            case "concat" -> "[ ] ++ ".repeat(n) + "[ ]";
            case "updates" -> "{ } // ".repeat(n) + "{ }";
            case "sums" -> "1 + ".repeat(n) + "1";
            case "applications" -> "f" + " x".repeat(n);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"parens", "lists", "lets", "lambdas", "sets", "strings", "ifs", "selects",
        "negations", "nots", "withs", "attrpath", "concat", "updates", "sums", "applications"})
    void tenThousandLevelsParseEvenFromASmallStack(String kind) throws Exception {
        Object result = parseOnSmallStack(nested(kind, 10_000));
        assertThat(result).isInstanceOf(Expr.class);
    }

    @Test
    void depthIsReallyThere() {
        Expr e = parse(nested("lists", 10_000));
        int depth = 0;
        while (e instanceof ListExpr l && !l.elements().isEmpty()) {
            e = l.elements().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(9_999);
    }

    @Test
    void hundredThousandElementList() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++) {
            b.append(' ').append(i);
        }
        ListExpr l = (ListExpr) parse(b.append(" ]").toString());
        assertThat(l.elements()).hasSize(100_000);
        assertThat(((IntLit) l.elements().get(99_999)).value()).isEqualTo(99_999);
    }

    @Test
    void hundredThousandAttributes() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            b.append(" a").append(i).append(" = ").append(i).append(';');
        }
        AttrSet s = (AttrSet) parse(b.append(" }").toString());
        assertThat(s.attrs()).hasSize(100_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parens", "lists", "sets", "lets"})
    void tooDeepIsAParseErrorWithAPosition(String kind) throws Exception {
        Object result = parseOnSmallStack(nested(kind, Parser.MAX_DEPTH + 10));
        assertThat(result).isInstanceOf(ParseException.class);
        ParseException e = (ParseException) result;
        assertThat(e.getMessage()).startsWith("expression nested too deeply");
        assertThat(e.pos().line()).isEqualTo(1);
        assertThat(e.pos().column()).isGreaterThan(1);
    }

    @Test
    void smallInputOnAnExhaustedStackIsRetriedOnTheBigStack() throws Exception {
        // Recurse until the stack is almost full, then parse a short but nested text.
        Object[] result = new Object[1];
        Thread t = new Thread(null, () -> result[0] = recurseThenParse(0), "deep-caller", 512 * 1024);
        t.start();
        t.join();
        assertThat(result[0]).isInstanceOf(Expr.class);
    }

    private static Object recurseThenParse(int n) {
        try {
            return recurseThenParse(n + 1);
        } catch (StackOverflowError e) {
            if (n % 50 != 0) {
                throw e; // unwind a little to leave room for the call below
            }
            return parse(nested("parens", 50));
        }
    }
}
