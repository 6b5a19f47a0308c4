package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection for {@code microvm -u}: the command, in its own process, is killed with
 * SIGKILL at random moments while the flake alternates between two versions. After every kill
 * {@code current} points at a runner that was built for the VM and {@code flake} is intact; a
 * rerun completes. (Builds need the pinned kernels, hence the "vm" tag; nothing boots.)
 */
@Tag("vm")
class UpdateCrashTest {

    @TempDir
    Path tmp;

    static String flake(int version) {
        return """
                {
                  outputs = { self, nixpkgs, microvm }: {
                    nixosConfigurations.deployed = nixpkgs.lib.nixosSystem {
                      system = "x86_64-linux";
                      modules = [ microvm.nixosModules.microvm {
                        microvm.shares = [{ source = "/nix/store"; mountPoint = "/nix/.ro-store";
                                            tag = "ro-store"; proto = "virtiofs"; }];
                        environment.etc."release".text = "%d";
                      } ];
                    };
                  };
                }
                """.formatted(version);
    }

    @Test
    void killedAtAnyMomentCurrentIsAlwaysABuiltRunner() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("vms"));
        Files.writeString(repo.resolve("flake.nix"), flake(0));
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        String store = "--store=" + TestPackages.store().root();
        String sd = "--state-dir=" + state.root();
        StringWriter out = new StringWriter();
        var create = MicrovmCommand.newCommandLine();
        create.setOut(new PrintWriter(out, true));
        create.setErr(new PrintWriter(out, true));
        assertThat(create.execute("-c", "deployed", "-f", "path:" + repo, sd, store)).as(out.toString()).isZero();
        VmName name = new VmName("deployed");
        Set<Path> built = new TreeSet<>();
        built.add(state.vm(name).currentTarget().orElseThrow());

        String java = ProcessHandle.current().info().command().orElse("java");
        Random random = new Random(7);
        for (int round = 1; round <= 6; round++) {
            Files.writeString(repo.resolve("flake.nix"), flake(round));
            Process update = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    MicrovmCommand.class.getName(), "-u", "deployed", sd, store)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("update.log").toFile()).start();
            Thread.sleep(300 + random.nextInt(2500));
            update.destroyForcibly().waitFor();

            // Whatever moment it died at: the link is whole and points at a runner built for this VM.
            Path current = state.vm(name).currentTarget().orElseThrow();
            assertThat(Files.isExecutable(current.resolve("bin/microvm-run"))).as("round " + round).isTrue();
            assertThat(current.getFileName().toString()).endsWith("-microvm-qemu-nixos");
            assertThat(state.vm(name).flakeRef()).contains("path:" + repo);
            built.add(current);
        }
        // A rerun completes and picks up the last version.
        StringWriter rerun = new StringWriter();
        var update = MicrovmCommand.newCommandLine();
        update.setOut(new PrintWriter(rerun, true));
        update.setErr(new PrintWriter(rerun, true));
        assertThat(update.execute("-u", "deployed", sd, store)).as(rerun.toString()).isZero();
        Path last = state.vm(name).currentTarget().orElseThrow();
        assertThat(Files.readString(last.resolve("share/microvm/system").toRealPath().resolve("etc-static/release")))
                .isEqualTo("6");
        try (var entries = Files.list(state.vm(name).path())) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }
}
