package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's two snippets as one host configuration, through the commands a user runs:
 * {@code switch} installs and boots both VMs; a second {@code switch} after changing both
 * restarts the fully-declarative one and leaves the deployed one alone; {@code microvm -u}
 * then updates the deployed one from its {@code updateFlake}; {@code microvm -l} shows each state.
 */
@Tag("vm")
class SeedEndToEndTest {

    @TempDir
    Path tmp;

    StateDirectory state;

    @AfterEach
    void stopAll() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    static final String STORE_SHARE = """
            microvm.shares = [{
              source = "/nix/store";
              mountPoint = "/nix/.ro-store";
              tag = "ro-store";
              proto = "virtiofs";
            }];""";

    static String flake(String version) {
        return """
                {
                  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
                  inputs.microvm.url = "github:microvm-nix/microvm.nix";
                  outputs = { self, nixpkgs, microvm }: {
                    nixosConfigurations.my-deployed-microvm = nixpkgs.lib.nixosSystem {
                      system = "x86_64-linux";
                      modules = [
                        microvm.nixosModules.microvm
                        {
                          networking.hostName = "my-deployed-microvm";
                          %s
                          environment.etc."release".text = "%s";
                        }
                      ];
                    };
                  };
                }
                """.formatted(STORE_SHARE, version);
    }

    static String host(int mem, String updateFlake) {
        return """
                { self, microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms = {
                    my-microvm = {
                      pkgs = import nixpkgs { system = "x86_64-linux"; };
                      config = {
                        %s
                        microvm.mem = %d;
                      };
                    };
                    my-deployed-microvm = {
                      flake = self;
                      updateFlake = "%s";
                    };
                  };
                }
                """.formatted(STORE_SHARE, mem, updateFlake);
    }

    String run(CommandLineFactory factory, String... args) {
        StringWriter out = new StringWriter();
        var cli = factory.create();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute(args);
        assertThat(status).as(String.join(" ", args) + ":\n" + out).isZero();
        return out.toString();
    }

    interface CommandLineFactory {
        picocli.CommandLine create();
    }

    String host(String... args) {
        return run(MicrovmHostCommand::newCommandLine, args);
    }

    String microvm(String... args) {
        return run(MicrovmCommand::newCommandLine, args);
    }

    void awaitReady(String vm, int count) throws Exception {
        Path console = state.root().resolve(vm).resolve("console.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            String text = Files.exists(console) ? Files.readString(console) : "";
            if (java.util.regex.Pattern.compile("MICROVM-READY " + vm + "\r?\n").matcher(text).results().count() >= count) {
                return;
            }
            assertThat(System.nanoTime()).as(vm + " ready #" + count + "; console:\n" + text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void bothSnippetsOfTheSeedAcrossSwitchesAndAnUpdate() throws Exception {
        Path repo = tmp.resolve("etc-nixos");
        Files.createDirectories(repo);
        state = new StateDirectory(tmp.resolve("microvms"));
        String store = "--store=" + TestPackages.store().root();
        String sd = "--state-dir=" + state.root();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("flake.nix"), flake("v1"));
            Files.writeString(repo.resolve("host.nix"), host(256, "git+file://" + repo));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("v1").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();

            String first = host("switch", "-c", repo.resolve("host.nix").toString(), sd, store);
            assertThat(first).containsPattern("my-deployed-microvm +install").containsPattern("my-microvm +install");
            awaitReady("my-microvm", 1);
            awaitReady("my-deployed-microvm", 1);
            assertThat(state.vm(new VmName("my-deployed-microvm")).flakeRef()).contains("git+file://" + repo);
            assertThat(state.vm(new VmName("my-microvm")).toplevelTarget()).isPresent();
            assertThat(microvm("-l", sd, store)).contains("my-microvm: current(").contains("my-deployed-microvm: current(");

            // Change both: the fully-declarative VM follows the host and restarts; the deployed one is left alone.
            Path deployedCurrent = state.vm(new VmName("my-deployed-microvm")).currentTarget().orElseThrow();
            Files.writeString(repo.resolve("flake.nix"), flake("v2"));
            Files.writeString(repo.resolve("host.nix"), host(320, "git+file://" + repo));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("v2").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();

            String second = host("switch", "-c", repo.resolve("host.nix").toString(), sd, store);
            assertThat(second).containsPattern("my-microvm +restart").containsPattern("my-deployed-microvm +nothing")
                    .contains("    ~ microvm.mem: 256 -> 320\n");
            awaitReady("my-microvm", 2);
            assertThat(state.vm(new VmName("my-deployed-microvm")).currentTarget()).contains(deployedCurrent);

            // microvm -u updates the deployed VM from updateFlake (the committed v2).
            String update = microvm("-u", "my-deployed-microvm", sd, store);
            assertThat(update).contains("Reboot MicroVM my-deployed-microvm for the new profile: microvm restart my-deployed-microvm",
                    "  ~ environment.etc.release.text: \"v1\" -> \"v2\"");
            assertThat(state.vm(new VmName("my-deployed-microvm")).currentTarget()).get().isNotEqualTo(deployedCurrent);
            assertThat(microvm("-l", sd, store)).contains("my-deployed-microvm: stale(");
            assertThat(microvm("status", "my-deployed-microvm", sd, store)).contains(
                    "  pending: the guest runs another runner than the installed one; `microvm restart"
                            + " my-deployed-microvm` applies:\n",
                    "    ~ environment.etc.release.text: \"v1\" -> \"v2\"\n");

            // -u refuses the fully-declarative one with the original's message.
            StringWriter refused = new StringWriter();
            var cli = MicrovmCommand.newCommandLine();
            cli.setErr(new PrintWriter(refused, true));
            cli.setOut(new PrintWriter(refused, true));
            assertThat(cli.execute("-u", "my-microvm", sd, store)).isEqualTo(1);
            assertThat(refused.toString()).contains(
                    "This MicroVM is managed fully declaratively and cannot be updated manually!");
        }
        for (String vm : List.of("my-microvm", "my-deployed-microvm")) {
            assertThat(microvm("stop", vm, sd)).contains("shut down gracefully");
        }
    }
}
