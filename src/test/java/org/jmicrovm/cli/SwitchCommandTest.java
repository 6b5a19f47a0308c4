package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A switch whose evaluation fails changes nothing and says why, without a stack trace. */
class SwitchCommandTest {

    @TempDir
    Path tmp;

    String[] run(String... args) {
        StringWriter out = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString()};
    }

    @Test
    void aFailingEvaluationChangesNothing() throws Exception {
        Path state = tmp.resolve("microvms");
        Files.createDirectories(state.resolve("old/"));
        Files.createSymbolicLink(state.resolve("old/current"), Path.of("/store/old-runner"));
        Path host = tmp.resolve("host.nix");
        // A fully-declarative VM that also names a flake: the host module's assertion fails.
        Files.writeString(host, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.web = {
                    config = { microvm.mem = 256; };
                    flake = ./.;
                  };
                }
                """);
        String[] result = run("switch", "-c", host.toString(), "--state-dir=" + state, "--store=" + tmp.resolve("store"));
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("vm web: Fully-declarative VMs cannot also set a flake!").doesNotContain("\tat ");
        try (var entries = Files.list(state)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("old");
        }
        assertThat(Files.readSymbolicLink(state.resolve("old/current"))).isEqualTo(Path.of("/store/old-runner"));
    }

    @Test
    void aSyntaxErrorIsShownWithItsPosition() throws Exception {
        Path host = tmp.resolve("host.nix");
        Files.writeString(host, "{ microvm, ... }: {\n  microvm.vms.web = {\n}\n");
        String[] result = run("plan", "-c", host.toString(), "--state-dir=" + tmp.resolve("s"),
                "--store=" + tmp.resolve("store"));
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("error:").contains(host + ":").doesNotContain("\tat ");
        assertThat(tmp.resolve("s")).doesNotExist();
    }
}
