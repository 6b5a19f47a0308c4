package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollbackOnFailure} with a real guest: a switch to a configuration whose guest cannot boot (its
 * stage 1 finds no init) fails, and the VM runs the runner it ran before, booted and ready again.
 */
@Tag("vm")
class RollbackOnFailureGuestTest {

    @TempDir
    Path tmp;

    StateDirectory state;

    @AfterEach
    void stopAll() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    static String host(String extra) {
        return """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.host.startupTimeout = 90;
                  microvm.vms.rb = {
                    rollbackOnFailure = true;
                    config = {
                      microvm.mem = 256;
                      microvm.shares = [{ source = "/nix/store"; mountPoint = "/nix/.ro-store"; tag = "ro-store"; proto = "virtiofs"; }];
                      %s
                    };
                  };
                }
                """.formatted(extra);
    }

    CliRun.Result switchTo(Path hostFile) {
        return CliRun.microvmHost("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
    }

    @Test
    void aGuestThatCannotBootIsRolledBackToTheRunnerBefore() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, host(""));
        CliRun.Result first = switchTo(hostFile);
        assertThat(first.status()).as(first.output()).isEqualTo(0);
        assertThat(first.output()).contains("rb: ready");
        var vm = state.vm(new VmName("rb"));
        Path good = vm.currentTarget().orElseThrow();

        long readyBefore = readyLines(vm.path().resolve("console.log"));
        assertThat(readyBefore).isEqualTo(1);
        Files.writeString(hostFile, host("boot.kernelParams = [ \"init=/nonexistent\" ];"));
        CliRun.Result second = switchTo(hostFile);
        assertThat(second.status()).as(second.output()).isEqualTo(1);
        assertThat(second.output()).containsPattern("rb: (stopped before its guest reported ready|did not report ready)")
                .contains("rolled back to " + good + " and started it");
        assertThat(vm.currentTarget()).contains(good);
        assertThat(vm.previousTarget()).isPresent().isNotEqualTo(vm.currentTarget());
        assertThat(vm.bootedTarget()).contains(good);

        // the runner rolled back to boots to ready again: one more ready line than before the second switch
        Path log = vm.path().resolve("console.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && readyLines(log) < readyBefore + 1) {
            Thread.sleep(500);
        }
        assertThat(readyLines(log)).isEqualTo(readyBefore + 1);
        assertThat(new VmRuntime(vm, l -> { }).isRunning()).isTrue();
    }

    static long readyLines(Path log) throws IOException {
        return Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("MICROVM-READY rb")).count();
    }
}
