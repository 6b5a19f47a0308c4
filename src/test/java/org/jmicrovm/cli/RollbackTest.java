package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jmicrovm.host.Installer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm rollback NAME [-R]}: {@code current} goes back to the runner installed before it, a second
 * rollback undoes the first, a fully declarative VM's {@code toplevel} follows, and a VM without an earlier
 * runner (or whose earlier runner is gone) is left as it is. The runners are shell programs standing in for
 * a hypervisor.
 */
class RollbackTest {

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

    Path runner(String generation) throws IOException {
        return FakeRunners.runner(tmp.resolve("store"), generation, FakeRunners.Guest.SILENT);
    }

    String[] microvm(String... args) {
        StringWriter out = new StringWriter();
        var cli = MicrovmCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString()};
    }

    @Test
    void rollbackGoesBackAndASecondOneUndoesIt() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path one = runner("one");
        Path two = runner("two");
        VmName name = new VmName("web");
        Installer installer = new Installer(state);
        installer.create(name, one, Optional.of(VmDirectory.systemOf(one).orElseThrow()), Optional.empty());
        VmDirectory vm = state.vm(name);
        assertThat(vm.previousTarget()).as("nothing before the first runner").isEmpty();
        installer.setCurrent(name, two, VmDirectory.systemOf(two));
        assertThat(vm.previousTarget()).contains(one);
        installer.setCurrent(name, two, VmDirectory.systemOf(two));
        assertThat(vm.previousTarget()).as("installing the same runner again keeps the earlier one").contains(one);

        String sd = "--state-dir=" + state.root();
        String[] back = microvm("rollback", "web", sd);
        assertThat(back[0]).as(back[1]).isEqualTo("0");
        assertThat(back[1]).contains("Rolled back MicroVM web to " + one + ".",
                "the next microvm-host switch installs the declared build again");
        assertThat(vm.currentTarget()).contains(one);
        assertThat(vm.previousTarget()).contains(two);
        assertThat(vm.toplevelTarget()).contains(tmp.resolve("store/bbbb-system-one"));

        String[] forth = microvm("rollback", "web", sd);
        assertThat(forth[0]).as(forth[1]).isEqualTo("0");
        assertThat(vm.currentTarget()).contains(two);
        assertThat(vm.previousTarget()).contains(one);
        assertThat(vm.toplevelTarget()).contains(tmp.resolve("store/bbbb-system-two"));
    }

    @Test
    void withRestartTheVmRunsTheRunnerRolledBackTo() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path one = runner("one");
        Path two = runner("two");
        VmName name = new VmName("db");
        Installer installer = new Installer(state);
        installer.create(name, one, Optional.empty(), Optional.of("path:/srv/db"));
        installer.setCurrent(name, two, Optional.empty());
        String sd = "--state-dir=" + state.root();
        String[] start = microvm("start", "db", sd);
        assertThat(start[0]).as(start[1]).isEqualTo("0");
        VmDirectory vm = state.vm(name);
        assertThat(vm.bootedTarget()).contains(two);

        String[] noRestart = microvm("rollback", "db", sd);
        assertThat(noRestart[1]).contains("Reboot MicroVM db for the new profile: microvm restart db")
                .doesNotContain("declared");
        assertThat(vm.bootedTarget()).as("still running the runner it booted from").contains(two);

        String[] forth = microvm("rollback", "-R", "db", sd);
        assertThat(forth[0]).as(forth[1]).isEqualTo("0");
        assertThat(forth[1]).contains("No reboot of MicroVM db required.");
        String[] back = microvm("rollback", "db", "-R", sd);
        assertThat(back[0]).as(back[1]).isEqualTo("0");
        assertThat(back[1]).contains("Rebooting MicroVM db");
        assertThat(vm.bootedTarget()).contains(one);
        assertThat(new VmRuntime(vm, s -> { }).isRunning()).isTrue();
    }

    @Test
    void nothingToRollBackToChangesNothing() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path one = runner("one");
        Path two = runner("two");
        Installer installer = new Installer(state);
        installer.create(new VmName("fresh"), one, Optional.empty(), Optional.of("path:/srv/fresh"));
        String sd = "--state-dir=" + state.root();
        String[] fresh = microvm("rollback", "fresh", sd);
        assertThat(fresh[0]).isEqualTo("1");
        assertThat(fresh[1]).contains("MicroVM fresh has no earlier runner to roll back to");
        assertThat(state.vm(new VmName("fresh")).currentTarget()).contains(one);

        installer.create(new VmName("gone"), one, Optional.empty(), Optional.of("path:/srv/gone"));
        installer.setCurrent(new VmName("gone"), two, Optional.empty());
        Files.delete(one.resolve("bin/microvm-run"));
        String[] gone = microvm("rollback", "gone", sd);
        assertThat(gone[0]).isEqualTo("1");
        assertThat(gone[1]).contains("is gone from the store");
        assertThat(state.vm(new VmName("gone")).currentTarget()).contains(two);

        String[] missing = microvm("rollback", "nosuch", sd);
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[1]).contains("MicroVM nosuch not found");
    }
}
