package org.jmicrovm.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.ImportProvider;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade and its extension points: extra scope, Java primops, search path, provided imports. */
class NixEvaluatorTest {

    @TempDir
    Path dir;

    private static String json(NixEvaluator nix, String expr, Path dir) {
        return nix.toJson(nix.evalString(expr, dir));
    }

    @Test
    void evalFileImportsAndCachesFiles() throws IOException {
        Files.writeString(dir.resolve("a.nix"), "{ b = import ./b.nix; c = import ./b.nix; n = builtins.trace \"loaded\" 1; }");
        Files.writeString(dir.resolve("b.nix"), "{ x = 1; }");
        List<String> traces = new ArrayList<>();
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated().withTraceSink(traces::add))) {
            Value v = nix.evalFile(dir.resolve("a.nix"));
            assertThat(nix.toJson(v)).isEqualTo("{\"b\":{\"x\":1},\"c\":{\"x\":1},\"n\":1}");
            // Both imports are the very same value, and the file is not evaluated again.
            assertThat(nix.print(v, true)).isEqualTo("{ b = { x = 1; }; c = «repeated»; n = 1; }");
            assertThat(nix.evalFile(dir.resolve("a.nix"))).isSameAs(v);
            assertThat(traces).containsExactly("trace: loaded");
        }
    }

    @Test
    void directoryImportsItsDefaultNix() throws IOException {
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/default.nix"), "{ name = \"pkg\"; }");
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            assertThat(nix.toJson(nix.evalFile(dir.resolve("pkg")))).isEqualTo("{\"name\":\"pkg\"}");
            assertThat(json(nix, "(import ./pkg).name", dir)).isEqualTo("\"pkg\"");
        }
    }

    @Test
    void extraScopeVariablesAreVisibleInEveryFile() throws IOException {
        Files.writeString(dir.resolve("f.nix"), "microvm.version + 1");
        EvalOptions options = EvalOptions.isolated().withExtraScope(Map.of(
                "microvm", NixAttrs.builder().put("version", NixInt.of(41)).build()));
        try (NixEvaluator nix = new NixEvaluator(options)) {
            assertThat(json(nix, "import ./f.nix", dir)).isEqualTo("42");
            assertThat(json(nix, "let microvm = 1; in microvm", dir)).isEqualTo("1");
        }
    }

    @Test
    void javaPrimopsCanBeAddedToBuiltinsAndReplaceUnsupportedOnes() {
        NixPrimOp twice = new NixPrimOp("twice", 1, (ev, args, pos) -> NixInt.of(2 * Force.integer(args[0], pos)));
        NixPrimOp derivation = new NixPrimOp("derivation", 1,
                (ev, args, pos) -> NixString.ofText("drv:" + Force.string(Force.attrs(args[0], pos).get("name"), pos)));
        EvalOptions options = EvalOptions.isolated().withExtraBuiltins(Map.of("twice", twice, "derivation", derivation));
        try (NixEvaluator nix = new NixEvaluator(options)) {
            assertThat(json(nix, "builtins.twice 21", dir)).isEqualTo("42");
            assertThat(json(nix, "__twice 2", dir)).isEqualTo("4");
            assertThat(json(nix, "builtins.map builtins.twice [1 2]", dir)).isEqualTo("[2,4]");
            assertThat(json(nix, "derivation { name = \"x\"; }", dir)).isEqualTo("\"drv:x\"");
            assertThat(json(nix, "builtins.derivation { name = \"y\"; }", dir)).isEqualTo("\"drv:y\"");
        }
    }

    @Test
    void unsupportedBuiltinsExistButFailWhenCalled() {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            assertThat(json(nix, "[ (builtins ? fetchGit) (builtins.isFunction derivation) ]", dir)).isEqualTo("[true,true]");
            assertThatThrownBy(() -> json(nix, "builtins.fetchGit { url = \"x\"; }", dir))
                    .isInstanceOf(NixException.class)
                    .hasMessageContaining("fetchGit is not supported by jmicrovm");
            assertThatThrownBy(() -> json(nix, "builtins.tryEval (derivation {})", dir))
                    .hasMessageContaining("derivation is not supported by jmicrovm");
        }
    }

    @Test
    void searchPathFromOptionsAndNixPath() throws IOException {
        Files.createDirectories(dir.resolve("one/foo"));
        Files.writeString(dir.resolve("one/foo/default.nix"), "\"one\"");
        Files.createDirectories(dir.resolve("two"));
        Files.writeString(dir.resolve("two/bar.nix"), "\"two\"");
        EvalOptions options = EvalOptions.isolated()
                .withSearchPath(List.of(SearchPathEntry.parse("foo=" + dir.resolve("one/foo"))))
                .withEnvironment(Map.of("NIX_PATH", dir.resolve("two") + ":other=/nonexistent"));
        try (NixEvaluator nix = new NixEvaluator(options)) {
            assertThat(json(nix, "[ (import <foo>) (import <bar.nix>) ]", dir)).isEqualTo("[\"one\",\"two\"]");
            assertThat(json(nix, "toString <foo>", dir)).isEqualTo("\"" + dir.resolve("one/foo") + "\"");
            assertThat(json(nix, "builtins.length builtins.nixPath", dir)).isEqualTo("3");
            assertThatThrownBy(() -> json(nix, "<nope>", dir))
                    .hasMessageContaining("file 'nope' was not found in the Nix search path");
            assertThat(json(nix, "(builtins.tryEval <nope>).success", dir)).isEqualTo("false");
        }
    }

    @Test
    void providedImportsPlugJavaValuesIntoTheSearchPath() {
        Path virtual = Path.of("/jmicrovm-provided/nixpkgs");
        ImportProvider nixpkgs = (ev, relative) -> switch (relative) {
            case "" -> ev.evalSource(org.jmicrovm.lang.ast.Source.ofString("{ system ? \"x\" }: { inherit system; pkgs = 1; }", Path.of("/")));
            case "lib" -> NixAttrs.builder().put("answer", NixInt.of(42)).build();
            default -> null;
        };
        EvalOptions options = EvalOptions.isolated()
                .withSearchPath(List.of(new SearchPathEntry("nixpkgs", virtual.toString())))
                .withProvidedImports(Map.of(virtual, nixpkgs));
        try (NixEvaluator nix = new NixEvaluator(options)) {
            assertThat(json(nix, "(import <nixpkgs> { system = \"aarch64-linux\"; }).system", dir)).isEqualTo("\"aarch64-linux\"");
            assertThat(json(nix, "(import <nixpkgs/lib>).answer", dir)).isEqualTo("42");
            assertThat(json(nix, "builtins.pathExists <nixpkgs/lib>", dir)).isEqualTo("true");
            assertThatThrownBy(() -> json(nix, "import <nixpkgs/missing>", dir)).isInstanceOf(NixException.class);
        }
    }

    @Test
    void getEnvReadsTheEnvironmentOfTheOptions() {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated().withEnvironment(Map.of("GREETING", "héllo")))) {
            assertThat(json(nix, "[ (builtins.getEnv \"GREETING\") (builtins.getEnv \"HOME\") ]", dir))
                    .isEqualTo("[\"héllo\",\"\"]");
            assertThat(json(nix, "builtins.stringLength (builtins.getEnv \"GREETING\")", dir)).isEqualTo("6");
        }
    }

    @Test
    void currentSystemAndHomeDirectoryComeFromTheOptions() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("x.nix"), "7");
        EvalOptions options = EvalOptions.isolated().withCurrentSystem("aarch64-linux").withHomeDir(home);
        try (NixEvaluator nix = new NixEvaluator(options)) {
            assertThat(json(nix, "[ builtins.currentSystem (import ~/x.nix) ]", dir)).isEqualTo("[\"aarch64-linux\",7]");
        }
    }

    @Test
    void attributePositionsAreAvailableToJava() throws IOException {
        Files.writeString(dir.resolve("m.nix"), "{\n  networking.hostName = \"vm\";\n  mem = 256;\n}\n");
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            NixAttrs config = (NixAttrs) nix.evalFile(dir.resolve("m.nix"));
            Pos mem = config.positionOf("mem");
            assertThat(mem.source().file()).isEqualTo(dir.resolve("m.nix").toAbsolutePath());
            assertThat(mem.line()).isEqualTo(3);
            assertThat(mem.column()).isEqualTo(3);
            NixAttrs networking = nix.onEvalThread(() -> Force.attrs(config.get("networking"), Pos.NONE));
            assertThat(networking.positionOf("hostName").line()).isEqualTo(2);
        }
    }

    @Test
    void bytesOutputKeepsBytesThatAreNotUtf8() {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            Value v = nix.evalString("[ (builtins.substring 0 1 \"é\") \"é\" ]", dir);
            assertThat(nix.toJsonBytes(v)).containsExactly('[', '"', 0xc3, '"', ',', '"', 0xc3, 0xa9, '"', ']');
            assertThat(nix.printBytes(v, true)).containsExactly('[', ' ', '"', 0xc3, '"', ' ', '"', 0xc3, 0xa9, '"', ' ', ']');
        }
    }

    @Test
    void printWithoutStrictShowsUnevaluatedParts() {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            Value v = nix.evalString("{ a = 1; b = 1 + 1; c = [ (2 + 2) ]; }", dir);
            assertThat(nix.print(v, false)).isEqualTo("{ a = 1; b = <CODE>; c = <CODE>; }");
            assertThat(nix.print(v, true)).isEqualTo("{ a = 1; b = 2; c = [ 4 ]; }");
            assertThat(nix.print(v, false)).isEqualTo("{ a = 1; b = 2; c = [ 4 ]; }");
        }
    }

    @Test
    void errorsCarryPositionsAndFrames() throws IOException {
        Files.writeString(dir.resolve("err.nix"), "let\n  f = x: x.missing;\nin\n  f { present = 1; }\n");
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            assertThatThrownBy(() -> nix.evalFile(dir.resolve("err.nix")))
                    .isInstanceOf(NixException.class)
                    .satisfies(e -> {
                        NixException n = (NixException) e;
                        assertThat(n.getMessage()).isEqualTo("attribute 'missing' missing");
                        assertThat(n.pos().line()).isEqualTo(2);
                        assertThat(n.render()).contains(dir.resolve("err.nix") + ":2:")
                                .contains("while evaluating 'f'").contains("from call site")
                                .contains("            2|   f = x: x.missing;\n             |          ^");
                    });
        }
    }

    @Test
    void aCallerThatGivesUpStopsTheEvaluation() throws Exception {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            List<Throwable> failures = new ArrayList<>();
            Thread caller = new Thread(() -> {
                try {
                    json(nix, "let inner = builtins.genList (x: x) 1000; in "
                            + "builtins.foldl' (a: b: builtins.foldl' (x: y: x + 1) a inner) 0 (builtins.genList (x: x) 1000000)", dir);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            caller.start();
            Thread.sleep(300);
            long start = System.nanoTime();
            caller.interrupt();
            caller.join(10_000);
            assertThat(caller.isAlive()).isFalse();
            assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("interrupted"));
            // The evaluation thread is free again soon, and usable.
            assertThat(json(nix, "1 + 1", dir)).isEqualTo("2");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
    }

    @Test
    void callsFromOtherThreadsRunOnTheEvaluationThread() throws Exception {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            Value f = nix.evalString("x: x * 2", dir);
            Value r = nix.withEvaluator(ev -> ev.call(f, NixInt.of(21)));
            assertThat(r).isEqualTo(NixInt.of(42));
            Thread t = new Thread(() -> assertThat(json(nix, "1 + 1", dir)).isEqualTo("2"));
            t.start();
            t.join();
        }
    }
}
