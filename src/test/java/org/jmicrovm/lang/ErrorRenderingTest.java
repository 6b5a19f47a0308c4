package org.jmicrovm.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered errors are laid out exactly as {@code nix-instantiate --show-trace} lays them out. */
class ErrorRenderingTest {

    @TempDir
    Path dir;

    private static String nixStderr(Path file) throws IOException, InterruptedException {
        // also makes the shared state directory, alone, before this test's own use (see NixEvalOracle)
        org.junit.jupiter.api.Assumptions.assumeTrue(NixEvalOracle.available(), "nix-instantiate is not installed");
        Path state = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "jmicrovm-nix-oracle"));
        ProcessBuilder pb = new ProcessBuilder("nix-instantiate", "--eval", "--strict", "--show-trace", file.toString());
        pb.environment().put("NIX_CONFIG", "build-users-group =");
        pb.environment().put("NIX_STATE_DIR", state.toString());
        pb.environment().put("HOME", state.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return err.lines().filter(l -> !l.startsWith("warning:")).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private String ours(Path file) {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            nix.forceDeep(nix.evalFile(file));
            return "(no error)";
        } catch (NixException e) {
            return e.render();
        }
    }

    @Test
    void tracesLookLikeNixs() throws Exception {
        assumeTrue(NixEvalOracle.available());
        List<String> programs = List.of(
                "let\n  f = x: x.missing;\nin\n  f { present = 1; }\n",
                "let\n  g = { a }: a;\nin\n  g { }\n",
                "{\n  x = 1 + \"a\";\n}\n",
                "let s = { a = { b = 1; }; };\nin s.a.c\n",
                "{ foo = 1; fob = 2; bar = 3; }.fo\n",
                "let xs = { alpha = 1; alps = 2; beta = 3; };\nin\n  xs.alpa + 1\n",
                "let f = n: if n == 0 then throw \"bottom\" else f (n - 1);\nin f 2\n",
                "builtins.map (x: x + \"a\") [1]\n",
                "{ a = { b = 1 + \"x\"; }; }\n",
                "import ./p0.nix\n");
        for (int i = 0; i < programs.size(); i++) {
            Path file = dir.resolve("p" + i + ".nix");
            Files.writeString(file, programs.get(i));
            assertThat(ours(file)).as(programs.get(i)).isEqualTo(nixStderr(file));
        }
    }
}
