package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.module.corpus.ModuleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code microvm-host eval -c HOST [--attr PATH] [--json]}, and the module system in plain {@code eval}. */
class HostEvalCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand(EvalOptions.isolated().withCurrentSystem("x86_64-linux"), dir));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path seed() {
        return ModuleCorpus.root().resolve("schema-expected/host-seed-fully-declarative/seed.nix");
    }

    @Test
    void attrOfAVmConfigIsItsGuestConfiguration() {
        Run r = run("-c", seed().toString(), "--attr", "microvm.vms.my-microvm.config.microvm.mem");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("512\n");
    }

    @Test
    void jsonOfTheSeedsShares() {
        Run r = run("-c", seed().toString(), "--attr", "microvm.vms.my-microvm.config.microvm.shares", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("[{\"cache\":\"auto\",\"extraArgs\":[],\"mountPoint\":\"/nix/.ro-store\",\"posixAcl\":true,"
                + "\"proto\":\"virtiofs\",\"readOnly\":false,\"securityModel\":\"none\","
                + "\"socket\":\"my-microvm-virtiofs-ro-store.sock\",\"source\":\"/nix/store\",\"tag\":\"ro-store\"}]");
    }

    @Test
    void wholeConfigurationMarksWhatHasNoValue() {
        Run r = run("-c", seed().toString(), "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"autostart\":[\"my-microvm\"]")
                .contains("\"kernel\":\"<package linux linux-6.1.192>\"")
                .contains("\"balloonMem\":\"<removed option>\"")
                .contains("\"declaredRunner\":\"<not supported by jmicrovm: microvm.declaredRunner is built by jmicrovm")
                .doesNotContain("\"_module\"");
    }

    @Test
    void unknownAttributeFails() {
        Run r = run("-c", seed().toString(), "--attr", "microvm.nothing");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("attribute 'nothing' missing");
    }

    @Test
    void attrWithoutConfigIsAUsageError() {
        Run r = run("--expr", "1", "--attr", "a");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--attr needs -c HOST-FILE");
    }

    @Test
    void plainEvalHasNixpkgsAndMicrovmInScope() throws IOException {
        Files.writeString(dir.resolve("a.nix"), "{ lib, ... }: { options.mem = lib.mkOption { type = lib.types.int; default = 1; }; }");
        Files.writeString(dir.resolve("b.nix"), "{ mem = 4; }");
        Run r = run("--json", "--expr", "[ (nixpkgs.lib.evalModules { modules = [ ./a.nix ./b.nix ]; }).config.mem"
                + " (import <nixpkgs> { system = \"aarch64-linux\"; }).stdenv.hostPlatform.system"
                + " (builtins.baseNameOf microvm.nixosModules.host) ]");
        assertThat(r.exit()).withFailMessage(r.err()).isZero();
        assertThat(r.out()).isEqualTo("[4,\"aarch64-linux\",\"host.nix\"]");
    }

    @Test
    void moduleErrorsAreNixErrors() throws IOException {
        Files.writeString(dir.resolve("host.nix"), "{ microvm.vms.web.config.microvm.memory = 1; }");
        Run r = run("-c", dir.resolve("host.nix").toString(), "--attr", "microvm.vms.web.config.microvm.mem");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error: The option `microvm.vms.web.config.microvm.memory' does not exist.")
                .contains("host.nix:1:")
                .contains("Did you mean `microvm.vms.web.config.microvm.mem'?");
    }
}
