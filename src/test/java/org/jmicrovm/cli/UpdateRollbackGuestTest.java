package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm -u NAME -R --rollback-on-failure} with a real guest: an update whose guest cannot boot is
 * refused and the VM runs its runner before again; without the flag the same update leaves the VM down.
 */
@Tag("vm")
class UpdateRollbackGuestTest {

    @TempDir
    Path tmp;

    StateDirectory state;

    @AfterEach
    void stopAll() throws Exception {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    static String flake(String extra) {
        return """
                {
                  outputs = { self, nixpkgs, microvm }: {
                    nixosConfigurations.deployed = nixpkgs.lib.nixosSystem {
                      system = "x86_64-linux";
                      modules = [ microvm.nixosModules.microvm {
                        microvm.mem = 256;
                        %s
                      } ];
                    };
                  };
                }
                """.formatted(extra);
    }

    @Test
    void anUpdateThatDoesNotBootIsRolledBack() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("vms"));
        Files.writeString(repo.resolve("flake.nix"), flake(""));
        state = new StateDirectory(tmp.resolve("microvms"));
        String sd = "--state-dir=" + state.root();
        String store = "--store=" + TestPackages.store().root();
        CliRun.Result created = CliRun.microvm("-c", "deployed", "-f", "path:" + repo, sd, store);
        assertThat(created.status()).as(created.output()).isZero();
        CliRun.Result started = CliRun.microvm("start", "--wait", "deployed", sd);
        assertThat(started.status()).as(started.output()).isZero();
        var vm = state.vm(new VmName("deployed"));
        Path good = vm.currentTarget().orElseThrow();

        Files.writeString(repo.resolve("flake.nix"), flake("boot.kernelParams = [ \"init=/nonexistent\" ];"));
        CliRun.Result plain = CliRun.microvm("--rollback-on-failure", "-u", "deployed", sd, store);
        assertThat(plain.status()).isEqualTo(2);
        assertThat(plain.output()).contains("--rollback-on-failure needs -R");

        CliRun.Result update = CliRun.microvm("-u", "deployed", "-R", "--rollback-on-failure", sd, store);
        assertThat(update.status()).as(update.output()).isEqualTo(1);
        assertThat(update.output()).contains("Rebooting MicroVM deployed")
                .containsPattern("deployed: (stopped before its guest reported ready|did not report ready)")
                .contains("rolled back to " + good + " and started it");
        assertThat(vm.currentTarget()).contains(good);
        assertThat(vm.bootedTarget()).contains(good);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !CliRun.microvm("status", "deployed", sd).output().contains("guest:   ready")) {
            Thread.sleep(500);
        }
        assertThat(CliRun.microvm("status", "deployed", sd).output()).contains("guest:   ready");
    }
}
