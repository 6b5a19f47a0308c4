package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
        CliRun.stopAll(state, Duration.ofSeconds(1));
    }

    Path runner(String generation) throws IOException {
        return FakeRunners.runner(tmp.resolve("store"), generation, FakeRunners.Guest.SILENT);
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
        CliRun.Result back = CliRun.microvm("rollback", "web", sd);
        assertThat(back.status()).as(back.output()).isZero();
        assertThat(back.output()).contains("Rolled back MicroVM web to " + one + ".",
                "the next microvm-host switch installs the declared build again");
        assertThat(vm.currentTarget()).contains(one);
        assertThat(vm.previousTarget()).contains(two);
        assertThat(vm.toplevelTarget()).contains(tmp.resolve("store/bbbb-system-one"));

        CliRun.Result forth = CliRun.microvm("rollback", "web", sd);
        assertThat(forth.status()).as(forth.output()).isZero();
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
        CliRun.Result start = CliRun.microvm("start", "db", sd);
        assertThat(start.status()).as(start.output()).isZero();
        VmDirectory vm = state.vm(name);
        assertThat(vm.bootedTarget()).contains(two);

        CliRun.Result noRestart = CliRun.microvm("rollback", "db", sd);
        assertThat(noRestart.output()).contains("Reboot MicroVM db for the new profile: microvm restart db")
                .doesNotContain("declared");
        assertThat(vm.bootedTarget()).as("still running the runner it booted from").contains(two);

        CliRun.Result forth = CliRun.microvm("rollback", "-R", "db", sd);
        assertThat(forth.status()).as(forth.output()).isZero();
        assertThat(forth.output()).contains("No reboot of MicroVM db required.");
        CliRun.Result back = CliRun.microvm("rollback", "db", "-R", sd);
        assertThat(back.status()).as(back.output()).isZero();
        assertThat(back.output()).contains("Rebooting MicroVM db");
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
        CliRun.Result fresh = CliRun.microvm("rollback", "fresh", sd);
        assertThat(fresh.status()).isEqualTo(1);
        assertThat(fresh.output()).contains("MicroVM fresh has no earlier runner to roll back to");
        assertThat(state.vm(new VmName("fresh")).currentTarget()).contains(one);

        installer.create(new VmName("gone"), one, Optional.empty(), Optional.of("path:/srv/gone"));
        installer.setCurrent(new VmName("gone"), two, Optional.empty());
        Files.delete(one.resolve("bin/microvm-run"));
        CliRun.Result gone = CliRun.microvm("rollback", "gone", sd);
        assertThat(gone.status()).isEqualTo(1);
        assertThat(gone.output()).contains("is gone from the store");
        assertThat(state.vm(new VmName("gone")).currentTarget()).contains(two);

        CliRun.Result missing = CliRun.microvm("rollback", "nosuch", sd);
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output()).contains("MicroVM nosuch not found");
    }
}
