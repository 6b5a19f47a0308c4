package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A switch whose evaluation fails changes nothing and says why, without a stack trace. */
class SwitchCommandTest {

    @TempDir
    Path tmp;

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
        CliRun.Result result = CliRun.microvmHost("switch", "-c", host.toString(), "--state-dir=" + state, "--store=" + tmp.resolve("store"));
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("vm web: Fully-declarative VMs cannot also set a flake!").doesNotContain("\tat ");
        try (var entries = Files.list(state)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("old");
        }
        assertThat(Files.readSymbolicLink(state.resolve("old/current"))).isEqualTo(Path.of("/store/old-runner"));
    }

    @Test
    void aSyntaxErrorIsShownWithItsPosition() throws Exception {
        Path host = tmp.resolve("host.nix");
        Files.writeString(host, "{ microvm, ... }: {\n  microvm.vms.web = {\n}\n");
        CliRun.Result result = CliRun.microvmHost("plan", "-c", host.toString(), "--state-dir=" + tmp.resolve("s"),
                "--store=" + tmp.resolve("store"));
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("error:").contains(host + ":").doesNotContain("\tat ");
        assertThat(tmp.resolve("s")).doesNotExist();
    }
}
