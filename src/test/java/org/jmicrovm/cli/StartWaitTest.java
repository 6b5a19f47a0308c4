package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.host.Installer;
import org.jmicrovm.state.StateDirectory;
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
        if (state != null) {
            for (var dir : state.list()) {
                new VmRuntime(dir, s -> { }, Duration.ofSeconds(1)).stop(Duration.ofSeconds(1));
            }
        }
    }

    String[] microvm(String... args) {
        StringWriter out = new StringWriter();
        var cli = MicrovmCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString()};
    }

    void vm(String name, FakeRunners.Guest guest) throws IOException {
        Path runner = FakeRunners.runner(tmp.resolve("store"), name, guest);
        new Installer(state).create(new VmName(name), runner, Optional.empty(), Optional.of("path:/srv/" + name));
    }

    @Test
    void waitsForTheReadyLineAndFailsWhenItDoesNotCome() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        new HostSettings(List.of(), 2).write(state);
        vm("up", FakeRunners.Guest.READY);
        vm("mute", FakeRunners.Guest.SILENT);
        vm("dead", FakeRunners.Guest.DIES);
        String sd = "--state-dir=" + state.root();

        String[] up = microvm("start", "--wait", "up", sd);
        assertThat(up[0]).as(up[1]).isEqualTo("0");
        assertThat(up[1]).contains("MicroVM up is up");
        String[] again = microvm("restart", "--wait", "up", sd);
        assertThat(again[0]).as("the ready line of the first boot does not count twice: " + again[1]).isEqualTo("0");
        assertThat(again[1]).contains("MicroVM up is up");

        long started = System.nanoTime();
        String[] mute = microvm("start", "--wait", "mute", sd);
        assertThat(mute[0]).isEqualTo("1");
        assertThat(mute[1]).contains("MicroVM mute did not report ready within 2 s (microvm.host.startupTimeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(new VmRuntime(state.vm(new VmName("mute")), l -> { }).isRunning())
                .as("--wait does not stop a slow VM").isTrue();

        String[] dead = microvm("start", "--wait", "dead", sd);
        assertThat(dead[0]).isEqualTo("1");
        assertThat(dead[1]).contains("MicroVM dead stopped before its guest reported ready; see microvm logs dead");

        String[] plain = microvm("restart", "mute", sd);
        assertThat(plain[0]).isEqualTo("0");
        assertThat(plain[1]).as("without --wait nothing waits").doesNotContain("report ready", "is up");
    }
}
