package org.jmicrovm.host;

import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {

    @TempDir
    Path tmp;

    @Test
    void createBuildsACompleteDirectoryAndRefusesToOverwrite() throws Exception {
        var state = new StateDirectory(tmp.resolve("microvms"));
        var installer = new Installer(state);
        var name = new VmName("web");
        installer.create(name, Path.of("/store/r1"), Optional.of(Path.of("/store/t1")), Optional.empty());

        VmDirectory vm = state.vm(name);
        assertThat(vm.currentTarget()).contains(Path.of("/store/r1"));
        assertThat(vm.toplevelTarget()).contains(Path.of("/store/t1"));
        assertThat(vm.isFullyDeclarative()).isTrue();
        assertThat(Files.exists(vm.flakeFile())).isFalse();

        assertThatThrownBy(() -> installer.create(name, Path.of("/store/r2"), Optional.empty(), Optional.of("x")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(vm.currentTarget()).contains(Path.of("/store/r1"));
        assertThat(Files.list(state.bookkeeping().resolve("staging"))).isEmpty();
    }

    @Test
    void flakeVmGetsItsFlakeFileAndNoToplevel() throws Exception {
        var state = new StateDirectory(tmp);
        var installer = new Installer(state);
        var name = new VmName("db");
        installer.create(name, Path.of("/store/r1"), Optional.empty(), Optional.of("git+file:///etc/nixos"));
        assertThat(state.vm(name).flakeRef()).contains("git+file:///etc/nixos");
        assertThat(Files.readString(state.vm(name).flakeFile())).isEqualTo("git+file:///etc/nixos\n");
        assertThat(state.vm(name).isFullyDeclarative()).isFalse();

        installer.writeFlakeRef(name, "path:/srv/vms");
        assertThat(state.vm(name).flakeRef()).contains("path:/srv/vms");
    }

    @Test
    void setCurrentSwapsLinksAndLeavesNoTemporaries() throws Exception {
        var state = new StateDirectory(tmp);
        var installer = new Installer(state);
        var name = new VmName("web");
        installer.create(name, Path.of("/store/r1"), Optional.of(Path.of("/store/t1")), Optional.empty());
        installer.setCurrent(name, Path.of("/store/r2"), Optional.of(Path.of("/store/t2")));
        assertThat(state.vm(name).currentTarget()).contains(Path.of("/store/r2"));
        assertThat(state.vm(name).toplevelTarget()).contains(Path.of("/store/t2"));
        assertThat(state.vm(name).previousTarget()).as("kept for microvm rollback").contains(Path.of("/store/r1"));
        try (var entries = Files.list(state.vm(name).path())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("current", "toplevel", "previous");
        }
    }

    @Test
    void concurrentReplacementsNeverLeaveTheLinkMissing() throws Exception {
        Path link = tmp.resolve("current");
        Links.replace(link, Path.of("/store/r0"));
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var missing = new AtomicInteger();
        var reader = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                if (Links.target(link).isEmpty()) {
                    missing.incrementAndGet();
                }
            }
        });
        for (int i = 0; i < 2000; i++) {
            Links.replace(link, Path.of("/store/r" + i));
        }
        stop.set(true);
        reader.get();
        assertThat(missing).hasValue(0);
        assertThat(Links.target(link)).contains(Path.of("/store/r1999"));
    }

    @Test
    void cleanStagingRemovesOnlyThatVmsLeftovers() throws Exception {
        var state = new StateDirectory(tmp);
        Path staging = state.bookkeeping().resolve("staging");
        Files.createDirectories(staging.resolve("web@1/sub"));
        Files.createDirectories(staging.resolve("web-2@1"));
        new Installer(state).cleanStaging(new VmName("web"));
        try (var entries = Files.list(staging)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("web-2@1");
        }
    }

    @Test
    void lockIsExclusiveAndTellsWhyItWaits() throws Exception {
        var state = new StateDirectory(tmp);
        var name = new VmName("web");
        List<String> told = new ArrayList<>();
        try (VmLock held = VmLock.acquire(state, name, Duration.ofSeconds(1), told::add)) {
            assertThatThrownBy(() -> VmLock.acquire(state, name, Duration.ofMillis(200), told::add))
                    .hasMessageContaining("locked by another jmicrovm command");
        }
        assertThat(told).hasSize(1);
        try (VmLock again = VmLock.acquire(state, name, Duration.ofSeconds(1), told::add)) {
            assertThat(told).hasSize(1);
        }
    }

    @Test
    void namesAreValidated() {
        assertThat(VmName.problemWith("my-microvm")).isNull();
        assertThat(VmName.problemWith("a.b_c+1")).isNull();
        assertThat(VmName.problemWith("")).contains("empty");
        assertThat(VmName.problemWith("..")).contains("not a valid");
        assertThat(VmName.problemWith("a/b")).contains("may only contain");
        assertThat(VmName.problemWith("-x")).contains("must not start");
        assertThat(VmName.problemWith("bad\nname")).contains("bad\\x0aname");
        assertThat(VmName.problemWith("x".repeat(65))).contains("65 characters");
        assertThatThrownBy(() -> new VmName("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listSkipsHiddenAndInvalidEntries() throws Exception {
        var state = new StateDirectory(tmp);
        Files.createDirectories(tmp.resolve("b"));
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve(".jmicrovm"));
        Files.writeString(tmp.resolve("file"), "");
        assertThat(state.list()).extracting(v -> v.name().value()).containsExactly("a", "b");
    }
}
