package org.jmicrovm.lang.eval;

import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.OracleCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core language, compared with nix-instantiate: values, errors and their messages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageOracleTest {

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "1", "(-5)", "9223372036854775807 + 1", "3 - 5", "2 * 3", "7 / 2", "(-7) / 2", "1.5 + 2", "2 + 1.5",
        "1.0 / 3", "0.1 + 0.2", "1.0e20", "123456789.0", "1.0e-5", "0.000123", "100000.0", "1000000.0",
        "2.5 * 2", "1 - 2.5", "10 / 4.0", "[ 1.0 2.5 3.14159265 ]",
        "true", "false", "null", "!true", "true && false", "true || false", "false -> true", "true -> false",
        "1 == 1", "1 == 1.0", "\"a\" == \"a\"", "[1 2] == [1 2]", "{a=1;} == {a=1;}", "{a=1;} == {a=2;}",
        "null == null", "1 != 2", "(x: x) == (x: x)", "let f = x: x; in [f] == [f]", "let f = x: x; in f == f",
        "let s = {f = x: x;}; in s == s", "1 < 2", "2 <= 2", "3 > 2", "2 >= 3", "\"a\" < \"b\"", "\"B\" < \"a\"",
        "[1 2] < [1 3]", "[1] < [1 0]", "[] < [1]", "1.5 < 2", "2 < 1.5",
        "[1] ++ [2 3]", "[] ++ []", "{a=1; b=2;} // {b=3; c=4;}", "{} // {}",
        "\"a\" + \"b\"", "\"a${\"b\"}c\"", "\"x${toString 1}\"", "''\n  a\n    b\n''", "''a''$b''",
        "let x = 1; y = x + 1; in y", "let a = b; b = 2; in a", "rec { a = 1; b = a + 1; }",
        "let x = 1; in rec { x = 2; y = x; }", "rec { a = { b = 1; }; c = a.b; }",
        "{ a.b = 1; a.c = 2; }", "{ a.b.c = 1; a.b.d = 2; }.a.b", "{ \"a b\" = 1; }", "{ ${\"x\" + \"y\"} = 1; }",
        "{ ${null} = 1; a = 2; }", "let k = \"z\"; in { ${k} = 1; }.z", "{a = 1;}.a", "{a = {b = 2;};}.a.b",
        "{a = 1;}.b or 5", "{a = 1;}.a.b or 5", "1.x or 3", "{ a = 1; } ? a", "{ a = 1; } ? b", "{ a.b = 1; } ? a.b",
        "1 ? a", "{ a = 1; } ? a.b", "let s = { x = 1; }; n = \"x\"; in s.${n}",
        "with { a = 1; }; a", "with { a = 1; }; with { a = 2; }; a", "let a = 1; in with { a = 2; }; a",
        "with { map = 1; }; map", "with builtins; length [1 2]",
        "(x: x + 1) 2", "(x: y: x * y) 3 4", "({a, b}: a + b) {a = 1; b = 2;}", "({a, b ? 10}: a + b) {a = 1;}",
        "({a, ...}: a) {a = 1; b = 2;}", "(args@{a, ...}: args.b) {a = 1; b = 2;}", "({a ? b, b ? 3}: a) {}",
        "(x@{...}: x) {}", "let f = {a, b}@s: s; in f {a = 1; b = 2;}",
        "if true then 1 else 2", "if false then 1 else 2", "assert true; 5",
        "let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 20",
        "let x = { __functor = self: y: y + self.n; n = 10; }; in x 5", "__curPos",
        "let l = [1 2 3]; in builtins.elemAt l 1", "[(1) (1 + 1) \"x\" null true [] {}]",
        "rec { a = 1; __overrides = { a = 2; }; b = a; }", "let a.b = 1; a.c = 2; in a", "{ inherit (builtins) length; }.length [1]",
        "let x = 5; in { inherit x; }", "let x = 5; in rec { inherit x; y = x; }",
        "\"\\t\\n\\r\\\"\\\\\"", "\"\\u\"", "./foo", "./foo + \"bar\"", "./foo + \"/bar\"", "./a/../b", "/a/./b/",
        "let n = \"x\"; in ./foo/${n}", "\"a\" + ./foo/../b", "toString ./foo", "{ outPath = \"o\"; a = 1; }",
        "{ __toString = s: \"str\"; }", "{ a = { __toString = s: \"x\"; }; }",
        "builtins.toJSON { b = [1 2.5 \"x\" null true]; a = {}; }",
        "builtins.length (builtins.attrNames (builtins.mapAttrs (n: v: throw \"x\") {a=1;}))",
        "let x = throw \"a\"; in builtins.seq [x] 1", "builtins.tryEval (builtins.deepSeq [ (throw \"x\") ] 1)",
        "let inherit ({a = 1;}) a; in a", "builtins.toString (builtins.fromJSON \"1.0\")", "builtins.typeOf (1 + 1.0)",
        "({ a = 1; } // { a = throw \"x\"; b = 2; }).b", "let f = { a ? 1, ... }@args: args; in f {}",
        "builtins.length [ (throw \"a\") (abort \"b\") ]", "builtins.head (builtins.tail [ (throw \"a\") 2 ])",
        "let xs = builtins.genList (i: i * i) 10; in builtins.elemAt xs 9",
        "builtins.catAttrs \"x\" (builtins.map (i: { x = i; }) [1 2])", "{ a = 1; }.a or (throw \"no\")",
        "let s = { a.b.c = 1; }; in [ (s ? a.b.c) (s ? a.x.c) (s.a.b.c or 0) (s.a.x.c or 0) ]",
        "builtins.attrNames { ${\"b\"} = 1; a = 2; ${\"c\" + \"d\"} = 3; }", "rec { x = 1; ${\"y\"} = x + 1; }",
        "let x = 1; in { ${toString x} = x; }", "with { x = 1; }; with { y = x + 1; }; [ x y ]",
        "let f = x: { inherit x; }; in (f 1).x + (f 2).x", "builtins.functionArgs (args@{ a, b ? 2 }: a)",
        "(x: y: { inherit x y; }) 1 2", "builtins.map (f: f 2) [ (x: x + 1) (x: x * 2) builtins.toString ]",
        "let g = builtins.add 1; in g 2", "builtins.foldl' builtins.add 0 [1 2 3]", "(builtins.sub 10) 4",
        "let a = { b = a; c = 1; }; in a.b.b.b.c", "let xs = [ 1 ] ++ xs; in builtins.head xs",
        "builtins.length (builtins.concatLists (builtins.genList (i: [ i i ]) 1000))",
        "builtins.seq (let x = x; in 1) 2", "({ a, b }: a) { a = 1; b = throw \"unused\"; }",
        "let __sub = a: b: 42; in 5 - 3", "let __lessThan = a: b: true; in [ (1 > 2) (2 <= 1) (3 >= 4) ]", "let __mul = a: b: a + b; __div = a: b: 0; in [ (3 * 4) (1 / 0) (-(2)) ]", "let true = false; in true", "let null = 1; in null",
        "\"${\"a\"}${\"b\"}\"", "''\n  ${\"x\"}\n    y\n''", "\"\\${x}\"", "''$''${}''",
        "builtins.concatStringsSep \"\" (builtins.genList toString 12)", "(1 == 1) == true",
        "[ (2 < 1.5) (1.5 < 2) (1 <= 1.0) ({} == {}) ([] == []) (null == false) (0 == false) ]",
        "let __findFile = path: name: \"found ${name}\"; in <x/y>", "let __nixPath = [{ prefix = \"t\"; path = \"/tmp\"; }]; in toString <t>",
        "{ \"é\" = 1; \"Z\" = 2; \"_\" = 3; \"a\" = 4; \"\" = 5; }",
    })
    void sameAsNix(String expr) {
        OracleCheck.sameJson(nix, expr, dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "x", "let x = x; in x", "{a = 1;}.b", "(x: x.y) 1", "1 + \"a\"", "\"a\" + 1", "null + \"a\"", "1.5 + \"a\"",
        "assert 1 == 2; 1", "assert false; 1", "throw \"boo\"", "abort \"x\"", "1 / 0", "1.0 / 0", "1 / 0.0",
        "({a}: a) {}", "({a}: a) {a = 1; b = 2;}", "let f = {a}: a; in f {}", "(x: {a}: a) 1 {}", "({a, b}: 1) {c = 1;}",
        "({b, a}: 1) {}", "1 2", "\"a\" < 1", "{} < {}", "!1", "1 && true", "true && 1", "if 1 then 2 else 3",
        "[1] ++ 2", "{} // 1", "\"${1}\"", "\"${[]}\"", "\"${{}}\"", "with 1; x", "{}.${1}", "1 - \"a\"", "\"a\" * 2", "[] / 1",
        "let f = x: f x + 1; in f 0", "(x: x) 1 2", "{ a = throw \"inner\"; }.a", "(-\"a\")", "!null",
        "builtins.nonexistent", "rec { a = b; b = a; }.a", "let s = {a = {b = 1;};}; in s.a.c",
    })
    void failsLikeNix(String expr) {
        OracleCheck.sameJson(nix, expr, dir);
    }

    /** Errors the parser reports (its messages say «string» where Nix 2.8 says (string)). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{ a = 1; a = 2; }", "{ ${\"a\"} = 1; a = 2; }", "let a = 1; a = 2; in a"})
    void parseErrorsFailLikeNix(String expr) {
        OracleCheck.sameJsonAnyError(nix, expr, dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{ a = 1; b = [ 1 2 ]; c = x: x; d = builtins.map; e = builtins.map (x: x); f = ./foo; g = \"s\\n\\\"$\"; h = null; }",
        "let x = { a = 1; }; in [ x x ]", "let x = { a = 1; }; in { p = x; q = x; }", "let l = [1 2 3]; in [l l]",
        "[ {} [] { a = []; } ]", "{ \"if\" = 1; \"a-b\" = 2; \"a'\" = 3; \"1a\" = 4; \"\" = 5; \"a.b\" = 6; then = 7; }",
        "\"a\\${b}$c$\\\\\\r\\t\\n\\\"é'\"", "[ (1.0/3.0) 1.0e-7 (0.0 - 1.5) (0.0 * (0.0 - 1.0)) ]", "[ 1.0e300 (1.0e300 * 1.0e300) ]",
    })
    void printsLikeNix(String expr) {
        OracleCheck.samePrint(nix, expr, dir, true);
        OracleCheck.samePrint(nix, expr, dir, false);
    }
}
