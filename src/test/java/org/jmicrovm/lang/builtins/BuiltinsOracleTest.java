package org.jmicrovm.lang.builtins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.OracleCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every builtin, compared with nix-instantiate (same JSON, or failing with the same message),
 * evaluated in a directory of fixture files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltinsOracleTest {

    @TempDir
    static Path dir;
    private NixEvaluator nix;

    @BeforeAll
    void start() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        Files.writeString(dir.resolve("unicode-é.txt"), "héllo wörld\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/default.nix"), "{ x = 1; y = ./.; }");
        Files.writeString(dir.resolve("inc.nix"), "a: a + 1");
        try (var toml = BuiltinsOracleTest.class.getResourceAsStream("sample.toml")) {
            Files.write(dir.resolve("t.toml"), toml.readAllBytes());
        }
        Files.writeString(dir.resolve("scoped.nix"), "foo + 1");
        Files.writeString(dir.resolve("pos.nix"), "{\n  a = 1;\n    b = 2;\n}\n");
        Files.createDirectories(dir.resolve("tree/inner"));
        Files.writeString(dir.resolve("tree/file"), "x");
        Files.createSymbolicLink(dir.resolve("tree/link"), Path.of("file"));
        Path exec = dir.resolve("tree/run.sh");
        Files.writeString(exec, "#!/bin/sh\n");
        Files.setPosixFilePermissions(exec, PosixFilePermissions.fromString("rwxr-xr-x"));
        nix = new NixEvaluator(EvalOptions.isolated());
    }

    @AfterAll
    void stop() {
        nix.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // types
        "map builtins.typeOf [1 1.0 true null \"s\" ./x [] {} (x: x) builtins.map (builtins.map (x: x))]",
        "map builtins.isAttrs [{} 1]", "map builtins.isBool [true 1]", "map builtins.isFloat [1.0 1]",
        "map builtins.isFunction [(x: x) builtins.map (builtins.map (x: x)) { __functor = s: x: x; } 1]",
        "map builtins.isInt [1 1.0]", "map builtins.isList [[] {}]", "map isNull [null 0]", "map builtins.isPath [./a \"/a\"]",
        "map builtins.isString [\"\" ./a]",
        // arithmetic
        "builtins.add 1 2", "builtins.add 1 2.5", "builtins.sub 10 3", "builtins.sub 1.5 1", "builtins.mul 6 7",
        "builtins.mul 2 0.5", "builtins.div 7 2", "builtins.div (-7) 2", "builtins.div 7.0 2", "builtins.bitAnd 12 10",
        "builtins.bitOr 12 10", "builtins.bitXor 12 10", "builtins.bitAnd (-1) 255", "builtins.lessThan 1 2",
        "builtins.lessThan \"b\" \"a\"", "builtins.ceil 1.2", "builtins.ceil (-1.2)", "builtins.floor 1.8",
        "builtins.floor (-1.2)", "builtins.ceil 3", "builtins.floor 2.0",
        // strings
        "toString 1", "toString 1.5", "toString true", "toString false", "toString null", "toString [1 \"a\" [] [2 3] null]",
        "toString ./hello.txt", "toString { outPath = \"/o\"; }", "toString { __toString = s: \"ts\"; }", "toString \"s\"",
        "toString [[] [] 1]", "toString [1 [] 2]", "toString (1.0 / 3)", "toString 1.0e20", "toString (0.0 - 2.5)",
        "builtins.stringLength \"hello\"", "builtins.stringLength \"é\"", "builtins.stringLength \"\"",
        "builtins.substring 1 3 \"hello\"", "builtins.substring 3 100 \"hello\"", "builtins.substring 10 2 \"hello\"",
        "builtins.substring 0 (-1) \"hello\"", "builtins.substring 1 1 \"é\"", "builtins.substring 0 0 \"abc\"",
        "builtins.concatStringsSep \", \" [\"a\" \"b\" \"c\"]", "builtins.concatStringsSep \"-\" []",
        "builtins.concatStringsSep \"/\" [\"a\" ./x]",
        "builtins.replaceStrings [\"o\"] [\"0\"] \"foo boo\"", "builtins.replaceStrings [\"\"] [\"-\"] \"abc\"",
        "builtins.replaceStrings [\"ab\" \"a\"] [\"X\" \"Y\"] \"aab ab a\"", "builtins.replaceStrings [] [] \"x\"",
        "builtins.replaceStrings [\"a\" \"\"] [\"1\" \"2\"] \"bab\"",
        "builtins.hasContext \"x\"", "builtins.getContext \"x\"", "builtins.unsafeDiscardStringContext \"x\"",
        "builtins.unsafeDiscardOutputDependency \"y\"", "builtins.appendContext \"z\" {}", "builtins.placeholder \"out\"",
        "builtins.placeholder \"dev\"",
        // regex
        "builtins.match \"a(b)c\" \"abc\"", "builtins.match \"a(b)?c\" \"ac\"", "builtins.match \"x\" \"abc\"",
        "builtins.match \"[[:alpha:]]+([0-9]+)\" \"abc123\"", "builtins.split \",\" \"a,b,,c\"", "builtins.split \"(,)\" \"a,b\"",
        "builtins.split \"x\" \"abc\"",
        // lists
        "builtins.length [1 2 3]", "builtins.head [1 2]", "builtins.tail [1 2 3]", "builtins.elemAt [1 2 3] 2",
        "builtins.elem 2 [1 2 3]", "builtins.elem 5 [1 2 3]", "builtins.elem 1.0 [1]", "map (x: x + 1) [1 2]", "map (x: x) []",
        "builtins.filter (x: x > 1) [1 2 3]", "builtins.any (x: x > 2) [1 2 3]", "builtins.any (x: x) []",
        "builtins.all (x: x > 0) [1 2]", "builtins.all (x: x > 1) [1 2]", "builtins.concatLists [[1] [] [2 3]]",
        "builtins.concatLists []", "builtins.concatMap (x: [x x]) [1 2]", "builtins.foldl' (a: b: a - b) 10 [1 2 3]",
        "builtins.foldl' (a: b: a) 0 []", "builtins.foldl' (a: b: a ++ [b]) [] [1 2 3]", "builtins.genList (x: x * x) 5",
        "builtins.genList (x: x) 0", "builtins.sort builtins.lessThan [3 1 2 1]", "builtins.sort (a: b: a > b) [1 3 2]",
        "builtins.sort (a: b: a.k < b.k) [{k=2; v=1;} {k=1; v=2;} {k=2; v=3;} {k=1; v=4;}]",
        "builtins.sort builtins.lessThan [\"b\" \"a\" \"B\"]", "builtins.sort (a: b: true) [1 2 3 4 5 6 7 8 9 10]",
        "builtins.sort (a: b: false) [3 1 2]", "builtins.sort builtins.lessThan []",
        "builtins.sort (a: b: a < b) (builtins.genList (i: builtins.bitAnd (i * 7919) 127) 100)",
        "builtins.partition (x: x > 2) [1 2 3 4]", "builtins.groupBy (x: if x > 2 then \"big\" else \"small\") [1 2 3 4]",
        "builtins.genericClosure { startSet = [{key = 1;}]; operator = x: if x.key < 5 then [{key = x.key + 1;}] else []; }",
        "builtins.genericClosure { startSet = [{key = 3;} {key = 1;} {key = 3;}]; operator = x: [{key = 1.0;}]; }",
        // attrs
        "builtins.attrNames {b = 1; a = 2; \"é\" = 3; Z = 4;}", "builtins.attrValues {b = 1; a = 2;}",
        "builtins.hasAttr \"a\" {a = 1;}", "builtins.hasAttr \"b\" {a = 1;}", "builtins.getAttr \"a\" {a = 1;}",
        "removeAttrs {a = 1; b = 2; c = 3;} [\"a\" \"c\" \"x\"]", "builtins.intersectAttrs {a = 0; b = 0;} {b = 1; c = 2;}",
        "builtins.listToAttrs [{name = \"a\"; value = 1;} {name = \"b\"; value = 2;} {name = \"a\"; value = 3;}]",
        "builtins.listToAttrs []", "builtins.mapAttrs (n: v: n + toString v) {a = 1; b = 2;}",
        "builtins.catAttrs \"a\" [{a = 1;} {b = 2;} {a = 3;}]",
        "builtins.zipAttrsWith (n: vs: vs) [{a = 1; b = 2;} {a = 3;} {c = 4;}]",
        "builtins.unsafeGetAttrPos \"a\" {a = 1;}", "builtins.unsafeGetAttrPos \"x\" {a = 1;}",
        "builtins.unsafeGetAttrPos \"b\" (import ./pos.nix)",
        "builtins.functionArgs ({a, b ? 1}: a)", "builtins.functionArgs (x: x)", "builtins.functionArgs builtins.map",
        "builtins.unsafeGetAttrPos \"b\" (builtins.functionArgs ({a,\n b ? 1}: a))",
        // control
        "builtins.tryEval 1", "builtins.tryEval (throw \"x\")", "builtins.tryEval (assert false; 1)",
        "builtins.tryEval (builtins.tryEval (throw \"x\"))", "builtins.seq 1 2", "builtins.deepSeq [1 2] 3",
        "builtins.trace \"hi\" 1", "builtins.trace {a = 1;} 2", "builtins.addErrorContext \"ctx\" 5",
        "builtins.tryEval <nonexistent>",
        // json
        "builtins.toJSON { a = [1 2.5 \"s\\n\\u0001\" null true false]; b = {}; c = ./hello.txt; }",
        "builtins.toJSON { __toString = s: \"x\"; }", "builtins.toJSON { outPath = ./hello.txt; }",
        "builtins.toJSON \"\\t\\r\\\"\\\\é\"", "builtins.toJSON [1.0e20 0.1 (1.0 / 3)]",
        "builtins.fromJSON \"{\\\"a\\\": [1, 2.5, \\\"x\\\", null, true, false, {}], \\\"b\\\": -3}\"",
        "builtins.fromJSON \"\\\"\\\\u00e9\\\\ud83d\\\\ude00\\\\n\\\"\"", "builtins.fromJSON \"1e3\"", "builtins.fromJSON \" [ ] \"",
        "builtins.fromJSON \"18446744073709551615\"", "builtins.fromJSON \"-9223372036854775809\"",
        "builtins.fromJSON \"{\\\"a\\\":1,\\\"a\\\":2}\"", "builtins.fromJSON \"0.5\"", "builtins.fromJSON \"-0\"",
        // xml
        "builtins.toXML 1", "builtins.toXML { a = [ 1 \"s<>&\\\"\\n\\t\" {} [] null true 1.5 ./x ]; f = {a, b ? 1, ...}@x: 1; g = x: x; h = builtins.map; d = { type = \"derivation\"; outPath = \"/o\"; drvPath = \"/d\"; z = 1; }; }",
        "builtins.toXML [ { type = \"derivation\"; drvPath = \"/d\"; } { type = \"derivation\"; drvPath = \"/d\"; } { type = \"derivation\"; } ]",
        // toml
        "builtins.fromTOML (builtins.readFile ./t.toml)", "fromTOML \"\"", "builtins.fromTOML \"a = [1, \\\"x\\\"]\"",
        "builtins.fromTOML \"a.b = 1\\n[a]\\nc = 2\"", "builtins.fromTOML \"[a.b]\\nx=1\\n[a]\\ny=2\"",
        "builtins.fromTOML \"x = -0.0\\ny = +1\\nz = 1_2.3_4e1_0\"",
        // hashing
        "builtins.hashString \"md5\" \"hello\"", "builtins.hashString \"sha1\" \"hello\"",
        "builtins.hashString \"sha256\" \"hello\"", "builtins.hashString \"sha512\" \"\"", "builtins.hashString \"sha256\" \"é\"",
        "builtins.hashFile \"sha256\" ./hello.txt", "builtins.hashFile \"md5\" ./hello.txt",
        // versions
        "builtins.compareVersions \"1.0\" \"2.3\"", "builtins.compareVersions \"2.3\" \"2.3\"",
        "builtins.compareVersions \"2.3.1\" \"2.3a\"", "builtins.compareVersions \"1.0pre1\" \"1.0\"",
        "builtins.compareVersions \"1.0\" \"1.0.0\"", "builtins.compareVersions \"a\" \"b\"", "builtins.compareVersions \"1-2\" \"1.2\"",
        "builtins.compareVersions \"99999999999\" \"1\"", "builtins.splitVersion \"1.2.3-pre4\"", "builtins.splitVersion \"\"",
        "builtins.splitVersion \"2.3a..b\"", "builtins.parseDrvName \"hello-2.10\"", "builtins.parseDrvName \"nix-unstable-2021-01\"",
        "builtins.parseDrvName \"foo\"", "builtins.parseDrvName \"a-b-c\"",
        // paths and files
        "builtins.readFile ./hello.txt", "builtins.readFile ./unicode-é.txt", "builtins.readDir ./tree",
        "builtins.pathExists ./hello.txt", "builtins.pathExists ./nope", "builtins.pathExists \"/\"",
        "builtins.pathExists ./tree/link", "baseNameOf \"/a/b/c\"", "baseNameOf \"/a/b/\"", "baseNameOf \"abc\"",
        "baseNameOf ./hello.txt", "baseNameOf \"\"", "dirOf \"/a/b/c\"", "dirOf \"abc\"", "dirOf \"/a\"", "dirOf ./hello.txt",
        "dirOf \"/a/b/\"", "builtins.toPath \"/a/../b/./c\"", "import ./inc.nix 1", "(import ./sub).x", "import ./sub",
        "scopedImport { foo = 41; } ./scoped.nix", "builtins.getEnv \"JMICROVM_SURELY_UNSET\"",
        "builtins.toFile \"name\" \"contents\"", "\"${./hello.txt}\"", "\"${./tree}\"", "\"x\" + ./hello.txt",
        "builtins.toJSON ./tree", "builtins.storeDir", "builtins.nixVersion", "builtins.langVersion", "builtins.currentSystem",
        "builtins.nixPath", "builtins.findFile [{ prefix = \"t\"; path = ./tree; }] \"t/file\"",
        "builtins.path { path = ./tree; }", "builtins.path { path = ./tree; name = \"renamed\"; }",
        "builtins.path { path = ./hello.txt; recursive = false; }", "builtins.path { path = ./hello.txt; }",
        "builtins.filterSource (p: t: t != \"symlink\") ./tree",
        "builtins.path { path = ./tree; filter = p: t: baseNameOf p != \"file\"; name = \"f\"; }",
        "builtins.typeOf builtins.currentTime", "builtins.attrNames (builtins.removeAttrs builtins [\"warn\"])",
        "builtins ? derivation", "builtins.typeOf derivation", "builtins.typeOf builtins.fetchGit",
    })
    void sameAsNix(String expr) {
        OracleCheck.sameJson(nix, expr, dir);
    }

    /** Errors whose messages must be Nix's, word for word. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "builtins.getAttr \"z\" { a = 1; }", "builtins.listToAttrs [ { value = 1; } ]", "builtins.listToAttrs [ { name = \"a\"; } ]",
        "builtins.genericClosure { startSet = []; }", "builtins.genericClosure { operator = x: []; }", "builtins.parseDrvName 1",
        "builtins.fromJSON \"{no\"", "builtins.fromJSON \"1 2\"", "builtins.fromJSON \"\"", "builtins.fromJSON \"[1,]\"",
        "builtins.fromJSON \"[1, x]\"", "builtins.fromJSON \"{\\\"a\\\" 1}\"", "builtins.fromJSON \"{\\\"a\\\": 1 \\\"b\\\"}\"",
        "builtins.fromJSON \"[1 2]\"", "builtins.fromJSON \"-\"", "builtins.fromJSON \"1.\"", "builtins.fromJSON \"1e\"",
        "builtins.fromJSON \"1e+\"", "builtins.fromJSON \"01\"", "builtins.fromJSON \"\\\"abc\"", "builtins.fromJSON \"\\\"a\\nb\\\"\"",
        "builtins.fromJSON \"\\\"\\\\x\\\"\"", "builtins.fromJSON \"\\\"\\\\u12\\\"\"", "builtins.fromJSON \"\\\"\\\\ud800x\\\"\"",
        "builtins.fromJSON \"\\\"\\\\udc00\\\"\"", "builtins.fromJSON \"tru\"", "builtins.fromJSON \"nul\"", "builtins.fromJSON \"[\\n  1,\\n  ?]\"",
        "builtins.fromJSON \"{\\\"a\\\":}\"", "builtins.fromJSON \"  \\t \"", "builtins.fromJSON \"[\"",
    })
    void failsWithNixsMessage(String expr) {
        OracleCheck.sameJson(nix, expr, dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "builtins.head []", "builtins.tail []", "builtins.elemAt [1] 1", "builtins.elemAt [1] (-1)", "builtins.length 1",
        "builtins.substring (-1) 1 \"a\"", "builtins.genList (x: x) (-1)", "builtins.getAttr \"b\" {a = 1;}",
        "builtins.hashString \"sha3\" \"x\"", "builtins.replaceStrings [\"a\"] [] \"a\"", "builtins.fromJSON \"[1,]\"",
        "builtins.fromJSON \"x\"", "builtins.listToAttrs [{value = 1;}]", "builtins.listToAttrs [{name = \"a\";}]",
        "builtins.functionArgs 1", "builtins.genericClosure { startSet = [{}]; operator = x: []; }",
        "builtins.genericClosure { startSet = [{key = 1;} {key = \"a\";}]; operator = x: []; }",
        "builtins.readFile ./nope", "builtins.readFile \"relative\"", "import ./nope.nix", "builtins.match \"(\" \"a\"",
        "builtins.match \"a{2,1}\" \"a\"", "builtins.toJSON (x: x)", "builtins.toJSON builtins.map",
        "builtins.throw \"t\"", "builtins.abort \"a\"", "builtins.tryEval (abort \"a\")", "builtins.tryEval ({}.a)",
        "builtins.addErrorContext \"ctx\" (throw \"inner\")", "builtins.deepSeq [(throw \"deep\")] 1", "builtins.seq (throw \"s\") 1",
        "builtins.sort (a: b: 1) [1 2]", "builtins.filter (x: 1) [1]", "builtins.lessThan 1 \"a\"", "builtins.add \"a\" 1",
        "builtins.bitAnd 1.0 1", "builtins.div 1 0", "builtins.ceil \"x\"", "toString (x: x)", "toString {}",
        "builtins.concatStringsSep \",\" [1]", "builtins.attrNames []", "builtins.pathExists \"rel\"",
        "builtins.fetchGit \"x\"", "derivation {}",
        "builtins.storePath \"/nix/store/x\"", "builtins.groupBy (x: 1) [1]",
        "builtins.unsafeGetAttrPos 1 {}", "builtins.fromTOML \"a = 1\\na = 2\"", "builtins.fromTOML \"d = 1979-05-27\"",
        "builtins.fromTOML \"a = \"", "builtins.fromTOML \"[a]\\n[a]\"", "builtins.fromTOML \"a = 01\"",
        "builtins.fromTOML \"a = 1 b = 2\"", "builtins.fromTOML \"a = \\\"x\"", "builtins.fromTOML \"t = 07:32:00\"",
        "builtins.fromTOML \"a = { b = 1 }\\na.c = 2\"", "builtins.fromTOML \"a = 1__0\"", "<nonexistent>", "builtins.findFile [] \"x\"",
    })
    void failsLikeNix(String expr) {
        OracleCheck.sameJsonAnyError(nix, expr, dir);
    }
}
