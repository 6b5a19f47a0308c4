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
    void planAndBootSayWhatANewRunnerChangesInTheWordsOfTheConfiguration() throws Exception {
        Path host = tmp.resolve("host.nix");
        String text = """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.web.autostart = false; # so that a switch after `boot` has nothing to do
                  microvm.vms.web.config = {
                    microvm.mem = 256;
                    microvm.volumes = [{ image = "data.img"; mountPoint = "/var/lib/data"; size = 64; }];
                    systemd.services.hello.script = "echo hello";
                  };
                }
                """;
        Files.writeString(host, text);
        String[] where = {"-c", host.toString(), "--state-dir=" + tmp.resolve("s"), "--store=" + tmp.resolve("store")};
        CliRun.Result installed = CliRun.microvmHost(concat("boot", where));
        assertThat(installed.status()).as(installed.output()).isZero();
        assertThat(installed.output()).doesNotContain("    ~ ");

        Files.writeString(host, text.replace("microvm.mem = 256;", "microvm.mem = 384;")
                .replace("size = 64;", "size = 128;")
                .replace("\"echo hello\"", "''\n echo hello\n echo again\n ''"));
        CliRun.Result plan = CliRun.microvmHost(concat("plan", where));
        assertThat(plan.status()).as(plan.output()).isZero();
        assertThat(plan.output()).contains(
                "    ~ microvm.mem: 256 -> 384\n",
                "    ~ microvm.volumes[data.img].size: 64 -> 128 (an existing image keeps its size",
                "    ~ systemd.services.hello.script: changed (1 line -> 2 lines)\n");

        CliRun.Result json = CliRun.microvmHost(concat("plan", concat("--json", concat("--detailed-exitcode", where))));
        assertThat(json.status()).as("--detailed-exitcode: there is something to do").isEqualTo(2);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout());
        assertThat(tree.get("changes").asBoolean()).isTrue();
        var web = tree.get("vms").get(0);
        assertThat(web.get("name").asText()).isEqualTo("web");
        assertThat(web.get("action").asText()).isEqualTo("update");
        assertThat(web.get("steps").get(0).get("kind").asText()).isEqualTo("set-current");
        assertThat(web.get("changes").get(0).asText()).isEqualTo("microvm.mem: 256 -> 384");
        assertThat(web.get("interruptsGuest").asBoolean()).isFalse();

        CliRun.Result updated = CliRun.microvmHost(concat("boot", where));
        assertThat(updated.output()).contains("    ~ microvm.mem: 256 -> 384\n");
        assertThat(CliRun.microvmHost(concat("plan", where)).output()).doesNotContain("    ~ ");
        CliRun.Result nothing = CliRun.microvmHost(concat("plan", concat("--detailed-exitcode", where)));
        assertThat(nothing.status()).as(nothing.output()).isZero();
    }

    private static String[] concat(String command, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = command;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
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
