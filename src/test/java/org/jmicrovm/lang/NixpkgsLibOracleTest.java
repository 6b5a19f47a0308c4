package org.jmicrovm.lang;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nixpkgs' own {@code lib}, run by our evaluator and by Nix: the module system, system
 * descriptions (heavy on regexes), generators, string and list functions. Opt-in, since
 * nixpkgs is not part of this repository: {@code -Dnixpkgs.lib=/path/to/nixpkgs/lib}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NixpkgsLibOracleTest {

    private NixEvaluator nix;
    private Path lib;

    @BeforeAll
    void start() {
        String dir = System.getProperty("nixpkgs.lib");
        assumeTrue(dir != null && Files.isRegularFile(Path.of(dir, "default.nix")), "set -Dnixpkgs.lib=DIR to run");
        lib = Path.of(dir);
        nix = new NixEvaluator(EvalOptions.isolated());
    }

    @AfterAll
    void stop() {
        if (nix != null) {
            nix.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "lib.systems.elaborate \"x86_64-linux\" // { parsed = null; }",
        "(lib.systems.elaborate \"aarch64-linux\").config",
        "lib.generators.toPretty {} { a = [ 1 \"x\" { b = null; } ]; f = x: x; }",
        "lib.generators.toINI {} { sec = { a = 1; b = \"x\"; }; }",
        "[ (lib.strings.escapeShellArg \"it's\") (lib.strings.sanitizeDerivationName \"foo bar/baz\") (lib.toUpper \"abc\") ]",
        "[ (lib.versions.majorMinor \"2.8.1\") (lib.versionOlder \"1.2\" \"1.10\") (lib.naturalSort [ \"a10\" \"a2\" \"a1\" ]) ]",
        "lib.foldr (a: b: a + b) 0 (lib.range 1 1000)",
        "lib.attrsets.recursiveUpdate { a.b = 1; a.c = [ 1 ]; } { a.c = [ 2 ]; d = 3; }",
        "lib.lists.unique [ 1 2 1 3 \"a\" \"a\" ]",
        "lib.strings.splitString \"/\" \"a/b//c\"",
        "lib.strings.toJSON { a = 1; }",
        "(lib.evalModules { modules = [ { options.a = lib.mkOption { type = lib.types.int; default = 1; }; } { a = lib.mkForce 5; } { a = 3; } ]; }).config",
        "(lib.evalModules { modules = [ ({ config, ... }: { options.l = lib.mkOption { type = lib.types.listOf lib.types.str; }; "
            + "options.s = lib.mkOption { type = lib.types.attrsOf (lib.types.submodule { options.x = lib.mkOption { type = lib.types.bool; default = false; }; }); default = {}; }; "
            + "config.l = [ \"a\" ]; }) { l = lib.mkBefore [ \"b\" ]; s.foo.x = true; s.bar = {}; s.baz = lib.mkIf false { x = true; }; } ]; }).config",
        "(lib.evalModules { modules = [ { options.a = lib.mkOption { type = lib.types.str; }; } { a = 1; } ]; }).config.a",
        "(lib.evalModules { modules = [ { options.a = lib.mkOption { type = lib.types.int; }; } { a = 1; } { a = 2; } ]; }).config.a",
        "(lib.evalModules { modules = [ { b = 1; } ]; }).config",
        "builtins.attrNames lib.types",
    })
    void sameAsNix(String expr) {
        String full = "let lib = import " + lib + "; in " + expr;
        OracleCheck.sameJson(nix, full, Path.of("/tmp"));
    }
}
