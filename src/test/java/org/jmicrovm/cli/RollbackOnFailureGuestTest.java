package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        if (state != null) {
            for (var vm : state.list()) {
                new VmRuntime(vm, l -> { }).stop(Duration.ofSeconds(20));
            }
        }
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

    String[] switchTo(Path hostFile) {
        StringWriter out = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
        return new String[] {Integer.toString(status), out.toString()};
    }

    @Test
    void aGuestThatCannotBootIsRolledBackToTheRunnerBefore() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, host(""));
        String[] first = switchTo(hostFile);
        assertThat(first[0]).as(first[1]).isEqualTo("0");
        assertThat(first[1]).contains("rb: ready");
        var vm = state.vm(new VmName("rb"));
        Path good = vm.currentTarget().orElseThrow();

        long readyBefore = readyLines(vm.path().resolve("console.log"));
        assertThat(readyBefore).isEqualTo(1);
        Files.writeString(hostFile, host("boot.kernelParams = [ \"init=/nonexistent\" ];"));
        String[] second = switchTo(hostFile);
        assertThat(second[0]).as(second[1]).isEqualTo("1");
        assertThat(second[1]).containsPattern("rb: (stopped before its guest reported ready|did not report ready)")
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
