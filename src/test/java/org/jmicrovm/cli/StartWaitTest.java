package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.host.Installer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostSettings;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm start|restart --wait NAME}: returns once the guest printed its ready line (exit 0), or
 * exits 1 when the VM stopped first or {@code microvm.host.startupTimeout} passed.
 */
class StartWaitTest {

    @TempDir
    Path tmp;

    StateDirectory state;

    @AfterEach
    void stopVms() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(1));
    }

    void vm(String name, FakeRunners.Guest guest) throws IOException {
        Path runner = FakeRunners.runner(tmp.resolve("store"), name, guest);
        new Installer(state).create(new VmName(name), runner, VmDirectory.systemOf(runner), Optional.empty());
    }

    @Test
    void waitsForTheReadyLineAndFailsWhenItDoesNotCome() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        new HostSettings(List.of(), 2).write(state);
        vm("up", FakeRunners.Guest.READY);
        vm("mute", FakeRunners.Guest.SILENT);
        vm("dead", FakeRunners.Guest.DIES);
        String sd = "--state-dir=" + state.root();

        CliRun.Result up = CliRun.microvm("start", "--wait", "up", sd);
        assertThat(up.status()).as(up.output()).isZero();
        assertThat(up.output()).contains("MicroVM up is up");
        CliRun.Result again = CliRun.microvm("restart", "--wait", "up", sd);
        assertThat(again.status()).as("the ready line of the first boot does not count twice: " + again.output()).isZero();
        assertThat(again.output()).contains("MicroVM up is up");

        long started = System.nanoTime();
        CliRun.Result mute = CliRun.microvm("start", "--wait", "mute", sd);
        assertThat(mute.status()).isEqualTo(1);
        assertThat(mute.output()).contains("MicroVM mute did not report ready within 2 s (microvm.host.startupTimeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(new VmRuntime(state.vm(new VmName("mute")), l -> { }).isRunning())
                .as("--wait does not stop a slow VM").isTrue();

        CliRun.Result dead = CliRun.microvm("start", "--wait", "dead", sd);
        assertThat(dead.status()).isEqualTo(1);
        assertThat(dead.output()).contains("MicroVM dead stopped before its guest reported ready; see microvm logs dead");

        // a runner that does not say how its guest reports ready (microvm.nix's) is not waited for or judged
        Path foreign = FakeRunners.runner(tmp.resolve("store"), "foreign", FakeRunners.Guest.READY);
        Files.delete(foreign.resolve("share/microvm/readiness"));
        new Installer(state).create(new VmName("foreign"), foreign, VmDirectory.systemOf(foreign), Optional.empty());
        CliRun.Result foreignWait = CliRun.microvm("start", "--wait", "foreign", sd);
        assertThat(foreignWait.status()).isEqualTo(1);
        assertThat(foreignWait.output()).contains("cannot wait for MicroVM foreign: its runner does not say how");
        assertThat(CliRun.microvm("status", "foreign", sd).output()).as("refused before it starts").contains("foreign: stopped");
        assertThat(CliRun.microvm("start", "foreign", sd).status()).isZero();
        assertThat(CliRun.microvm("status", "foreign", sd).output()).contains("foreign: running").doesNotContain("guest:");

        CliRun.Result plain = CliRun.microvm("restart", "mute", sd);
        assertThat(plain.status()).isEqualTo(0);
        assertThat(plain.output()).as("without --wait nothing waits").doesNotContain("report ready", "is up");
    }

    @Test
    void statusTellsWhetherTheRunningBootsGuestIsUp() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        new HostSettings(List.of(), 5).write(state);
        vm("flip", FakeRunners.Guest.READY);
        String sd = "--state-dir=" + state.root();
        assertThat(CliRun.microvm("start", "--wait", "flip", sd).status()).isZero();
        assertThat(CliRun.microvm("status", "flip", sd).output()).contains("  guest:   ready\n")
                .doesNotContain("previous:");
        assertThat(CliRun.microvm("-l", "--json", sd).output()).contains("\"ready\" : true", "\"previous\" : \"\"", "\"addresses\" : [ ]");

        // the next boot never reports ready: the first boot's line in the same log does not count
        Path silent = FakeRunners.runner(tmp.resolve("store"), "flip-2", FakeRunners.Guest.SILENT);
        Path first = state.vm(new VmName("flip")).currentTarget().orElseThrow();
        new Installer(state).setCurrent(new VmName("flip"), silent, VmDirectory.systemOf(silent));
        assertThat(CliRun.microvm("restart", "flip", sd).status()).isZero();
        Thread.sleep(600);
        assertThat(CliRun.microvm("logs", "--boot", "flip", sd).output()).isEqualTo("generation flip-2\n");
        assertThat(CliRun.microvm("logs", "flip", sd).output()).contains("MICROVM-READY guest\ngeneration flip-2\n");
        String status = CliRun.microvm("status", "flip", sd).output();
        assertThat(status).contains("  guest:   no ready line yet (booting, or stuck: microvm logs flip)",
                "  previous: " + first + " (microvm rollback flip)");
        assertThat(CliRun.microvm("-l", sd).output()).isEqualTo(
                "flip: current(system-flip-2), guest not ready: microvm logs flip\n");
        assertThat(CliRun.microvm("-l", "--json", sd).output())
                .contains("\"ready\" : false", "\"previous\" : \"system-flip\"");

        assertThat(CliRun.microvm("stop", "flip", sd).status()).isZero();
        assertThat(CliRun.microvm("status", "flip", sd).output()).contains("stopped").doesNotContain("guest:");
        assertThat(CliRun.microvm("-l", "--json", sd).output()).contains("\"ready\" : null");
    }
}
