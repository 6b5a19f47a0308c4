package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jmicrovm.host.Installer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm reset [--yes] NAME}: only a stopped VM's images that its runner makes again are deleted, and
 * only when confirmed; other files of the VM's directory and images without autoCreate stay.
 */
class ResetTest {

    @TempDir
    Path tmp;

    StateDirectory state;

    @AfterEach
    void stopVms() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(1));
    }

    @Test
    void deletesOnlyAutoCreatedImagesOfAStoppedVmAndOnlyWhenConfirmed() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path runner = FakeRunners.runner(tmp.resolve("store"), "db", FakeRunners.Guest.SILENT);
        Files.writeString(runner.resolve("share/microvm/volumes"), "auto var.img\nkept keep.img\nauto data/extra.img\n");
        new Installer(state).create(new VmName("db"), runner, Optional.empty(), Optional.of("path:/srv/db"));
        Path dir = state.vm(new VmName("db")).path();
        Files.writeString(dir.resolve("var.img"), "state");
        Files.writeString(dir.resolve("keep.img"), "precious");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/extra.img"), "more");
        Files.writeString(dir.resolve("notes.txt"), "not a volume");
        String sd = "--state-dir=" + state.root();

        CliRun.Result dry = CliRun.microvm("reset", "db", sd);
        assertThat(dry.status()).isEqualTo(1);
        assertThat(dry.output()).contains("would delete " + dir.resolve("var.img"),
                "would delete " + dir.resolve("data/extra.img"),
                "keeping " + dir.resolve("keep.img") + " (no autoCreate: nothing would make it again)",
                "Nothing deleted: run microvm reset --yes db to delete them.");
        assertThat(dir.resolve("var.img")).exists();

        assertThat(CliRun.microvm("start", "db", sd).status()).isZero();
        CliRun.Result running = CliRun.microvm("reset", "--yes", "db", sd);
        assertThat(running.status()).isEqualTo(1);
        assertThat(running.output()).contains("MicroVM db is running; stop it first: microvm stop db");
        assertThat(dir.resolve("var.img")).exists();
        assertThat(CliRun.microvm("stop", "db", sd).status()).isZero();

        CliRun.Result reset = CliRun.microvm("reset", "--yes", "db", sd);
        assertThat(reset.status()).as(reset.output()).isZero();
        assertThat(reset.output()).contains("deleted " + dir.resolve("var.img"),
                "MicroVM db starts with new, empty volumes: microvm start db");
        assertThat(dir.resolve("var.img")).doesNotExist();
        assertThat(dir.resolve("data/extra.img")).doesNotExist();
        assertThat(dir.resolve("keep.img")).hasContent("precious");
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(state.vm(new VmName("db")).currentTarget()).contains(runner);

        assertThat(CliRun.microvm("reset", "--yes", "db", sd).output()).contains("MicroVM db has no volume image to reset.");
    }

    @Test
    void aRunnerThatDoesNotListItsVolumesIsNotGuessedAt() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path runner = FakeRunners.runner(tmp.resolve("store"), "old", FakeRunners.Guest.SILENT);
        new Installer(state).create(new VmName("old"), runner, Optional.empty(), Optional.of("path:/srv/old"));
        Files.writeString(state.vm(new VmName("old")).path().resolve("var.img"), "state");
        CliRun.Result r = CliRun.microvm("reset", "--yes", "old", "--state-dir=" + state.root());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("does not list its volumes (it was built by an older jmicrovm)");
        assertThat(state.vm(new VmName("old")).path().resolve("var.img")).exists();
    }
}
