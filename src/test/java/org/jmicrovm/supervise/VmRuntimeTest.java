package org.jmicrovm.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercises the runtime with real processes: runners whose scripts are small shell
 * programs standing in for a hypervisor, tap-up and virtiofsd.
 */
class VmRuntimeTest {

    @TempDir
    Path tmp;

    final List<String> log = new CopyOnWriteArrayList<>();
    VmRuntime runtime;

    @AfterEach
    void killLeftovers() throws IOException {
        if (runtime != null) {
            runtime.stop(Duration.ofSeconds(1));
        }
    }

    Path runner(String name, String... scripts) throws IOException {
        Path runner = tmp.resolve("store").resolve(name);
        Files.createDirectories(runner.resolve("bin"));
        for (int i = 0; i < scripts.length; i += 2) {
            Path script = runner.resolve("bin").resolve(scripts[i]);
            Files.writeString(script, "#!/bin/sh\n" + scripts[i + 1] + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return runner;
    }

    VmDirectory vmWith(Path runner) throws IOException {
        VmDirectory vm = new StateDirectory(tmp.resolve("microvms")).vm(new VmName("web"));
        Files.createDirectories(vm.path());
        Links.replace(vm.current(), runner);
        runtime = new VmRuntime(vm, log::add, Duration.ofSeconds(2));
        return vm;
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    /**
     * Polls {@code condition}. The deadline is generous because reaching it costs nothing when all is well, while a
     * busy CI machine (two cores, a TCG guest of another test still winding down) once stretched half a second to
     * ten; {@code context} says what the code under test was doing when it does pass.
     */
    static void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> context)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms; " + context.get());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void startsWithHelpersAndStopsGracefullyThroughTheBootedRunner() throws Exception {
        Path runner = runner("r1",
                "microvm-run", "echo booting; echo $$ > hv.pid; exec sleep 600",
                "microvm-shutdown", "echo graceful > shutdown-used; kill $(cat hv.pid)",
                "tap-up", "touch tap-is-up",
                "tap-down", "rm tap-is-up; touch tap-went-down");
        VmDirectory vm = vmWith(runner);

        ProcessHandle hypervisor = runtime.start().toHandle();
        assertThat(runtime.isRunning()).isTrue();
        assertThat(vm.bootedTarget()).contains(runner);
        assertThat(vm.path().resolve("tap-is-up")).exists();
        await(() -> Files.exists(vm.path().resolve("hv.pid")));
        await(() -> readQuietly(runtime.consoleLog()).contains("booting"));

        // A second runtime object (a restarted supervisor) finds the same process.
        assertThat(new VmRuntime(vm, log::add).hypervisor()).map(ProcessHandle::pid).contains(hypervisor.pid());
        assertThatThrownBy(runtime::start).hasMessageContaining("already running");

        assertThat(runtime.stop(Duration.ofSeconds(5))).isEqualTo("shut down gracefully");
        assertThat(hypervisor.isAlive()).isFalse();
        assertThat(vm.path().resolve("shutdown-used")).exists();
        assertThat(vm.path().resolve("tap-went-down")).exists();
        assertThat(vm.path().resolve("tap-is-up")).doesNotExist();
        assertThat(Files.exists(vm.booted(), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(runtime.isRunning()).isFalse();
        // The starter recorded how the hypervisor ended (sleep killed by SIGTERM: 143).
        await(() -> readQuietly(runtime.exitStatusFile()).strip().equals("143"));
    }

    @Test
    void aTapOrVsockCidThatARunningVmHoldsKeepsAnotherVmFromStarting() throws Exception {
        Path first = runner("first", "microvm-run", "echo $$ > hv.pid; exec sleep 600",
                "microvm-shutdown", "kill $(cat hv.pid)", "tap-up", "touch tap-made");
        Path second = runner("second", "microvm-run", "echo $$ > hv.pid; exec sleep 600",
                "microvm-shutdown", "kill $(cat hv.pid)", "tap-up", "touch tap-made");
        for (Path r : List.of(first, second)) {
            Files.createDirectories(r.resolve("share/microvm"));
            Files.writeString(r.resolve("share/microvm/tap-interfaces"), "vm-shared\n");
        }
        Files.writeString(first.resolve("share/microvm/vsock-cid"), "7\n");
        vmWith(first);
        runtime.start();
        VmDirectory db = new StateDirectory(tmp.resolve("microvms")).vm(new VmName("db"));
        Files.createDirectories(db.path());
        Links.replace(db.current(), second);
        VmRuntime other = new VmRuntime(db, log::add, Duration.ofSeconds(2));
        assertThatThrownBy(other::start).hasMessage("VM db cannot start: its interface vm-shared is held by VM web,"
                + " which runs; give one of them another (microvm.interfaces id, microvm.vsock.cid) or stop web first");
        assertThat(db.path().resolve("tap-made")).as("its tap-up never ran").doesNotExist();

        // another tap, the same vsock cid
        Files.writeString(second.resolve("share/microvm/tap-interfaces"), "vm-db\n");
        Files.writeString(second.resolve("share/microvm/vsock-cid"), "7\n");
        assertThatThrownBy(other::start).hasMessageContaining("its vsock cid 7 is held by VM web");

        runtime.stop(Duration.ofSeconds(5));
        other.start();
        assertThat(other.isRunning()).isTrue();
        other.stop(Duration.ofSeconds(5));
    }

    @Test
    void teardownUsesTheBootedRunnerEvenAfterCurrentMoved() throws Exception {
        Path old = runner("old", "microvm-run", "exec sleep 600", "tap-down", "touch old-tap-down");
        Path newer = runner("new", "microvm-run", "exec sleep 600", "tap-down", "touch new-tap-down");
        VmDirectory vm = vmWith(old);
        runtime.start();
        Links.replace(vm.current(), newer);
        runtime.stop(Duration.ofSeconds(1));
        assertThat(vm.path().resolve("old-tap-down")).exists();
        assertThat(vm.path().resolve("new-tap-down")).doesNotExist();
    }

    @Test
    void aHypervisorIgnoringShutdownAndSigtermIsKilled() throws Exception {
        Path runner = runner("stubborn",
                "microvm-run", "trap '' TERM; while :; do sleep 0.05; done",
                "microvm-shutdown", "exit 0");
        VmDirectory vm = vmWith(runner);
        ProcessHandle hypervisor = runtime.start().toHandle();
        long started = System.nanoTime();
        assertThat(runtime.stop(Duration.ofMillis(500))).isEqualTo("killed");
        assertThat(hypervisor.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(log).anyMatch(l -> l.contains("ignored SIGTERM"));
    }

    @Test
    void theHypervisorRunsAsTheUnprivilegedUserWhenTheHostHasOne() throws Exception {
        // As root with a user to run as (here nobody: this host has no microvm user), the
        // hypervisor gets that user and the VM's directory is handed over to it.
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        var runAs = HypervisorUser.detect(java.util.Map.of("MICROVM_USER", "nobody", "MICROVM_GROUP", "no-such-group"));
        assertThat(runAs).contains(new HypervisorUser("nobody", "nogroup"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runner = runner("unprivileged", "microvm-run", "id -u > uid; touch created-by-hypervisor; exec sleep 600");
        for (Path p = runner; !p.equals(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        VmDirectory vm = vmWith(runner);
        Files.writeString(vm.path().resolve("data.img"), "an existing volume");
        runtime = new VmRuntime(vm, log::add, Duration.ofSeconds(2), runAs);
        runtime.start();
        // the script writes uid first and touches the file after: wait for both
        await(() -> readQuietly(vm.path().resolve("uid")).strip().equals("65534")
                && Files.exists(vm.path().resolve("created-by-hypervisor")));
        assertThat(Files.getOwner(vm.path().resolve("created-by-hypervisor")).getName()).isEqualTo("nobody");
        assertThat(Files.getOwner(vm.path().resolve("data.img")).getName()).isEqualTo("nobody");
        assertThat(Files.getOwner(vm.path()).getName()).isEqualTo("nobody");
        assertThat(runtime.stop(Duration.ofSeconds(1))).isIn("terminated (no microvm-shutdown)", "shut down gracefully");
        assertThat(runtime.isRunning()).isFalse();
    }

    @Test
    void noUserToRunAsMeansTheCallersUser() {
        assertThat(HypervisorUser.detect(java.util.Map.of("MICROVM_USER", "no-such-user-here"))).isEmpty();
        assertThat(HypervisorUser.detect(java.util.Map.of("MICROVM_USER", "root"))).isEmpty();
    }

    @Test
    void aFailingShutdownScriptGoesStraightToSigterm() throws Exception {
        Path runner = runner("noqmp", "microvm-run", "exec sleep 600", "microvm-shutdown", "exit 1");
        vmWith(runner);
        runtime.start();
        long started = System.nanoTime();
        assertThat(runtime.stop(Duration.ofSeconds(60))).isEqualTo("terminated after the shutdown timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(log).anyMatch(l -> l.contains("microvm-shutdown of VM web failed (exit status 1)"));
    }

    @Test
    void aFailedStartUndoesWhatItDid() throws Exception {
        Path runner = runner("broken",
                "microvm-run", "exec sleep 600",
                "tap-up", "touch tap-is-up",
                "tap-down", "rm -f tap-is-up",
                "virtiofsd-run", "echo cannot start >&2; exit 1");
        Files.createDirectories(runner.resolve("share/microvm/virtiofs/ro-store"));
        Files.writeString(runner.resolve("share/microvm/virtiofs/ro-store/socket"), "web-virtiofs-ro-store.sock\n");
        VmDirectory vm = vmWith(runner);
        assertThatThrownBy(runtime::start).hasMessageContaining("virtiofsd-run exited before creating its sockets");
        assertThat(vm.path().resolve("tap-is-up")).doesNotExist();
        assertThat(Files.exists(vm.booted(), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(runtime.isRunning()).isFalse();
        assertThat(readQuietly(vm.path().resolve("virtiofsd.log"))).contains("cannot start");
    }

    @Test
    void virtiofsdIsStartedBeforeTheHypervisorAndStoppedAfterIt() throws Exception {
        Path runner = runner("fs",
                "microvm-run", "test -S web-virtiofs-ro-store.sock && echo socket-was-there; exec sleep 600",
                "virtiofsd-run", "exec python3 -c \"import socket,time; s=socket.socket(socket.AF_UNIX); "
                        + "s.bind('web-virtiofs-ro-store.sock'); s.listen(); time.sleep(600)\"");
        Files.createDirectories(runner.resolve("share/microvm/virtiofs/ro-store"));
        Files.writeString(runner.resolve("share/microvm/virtiofs/ro-store/socket"), "web-virtiofs-ro-store.sock\n");
        VmDirectory vm = vmWith(runner);
        runtime.start();
        await(() -> readQuietly(runtime.consoleLog()).contains("socket-was-there"));
        ProcessHandle virtiofsd = ProcessRecord.read(runtime.virtiofsdRecord()).flatMap(ProcessRecord::live).orElseThrow();
        runtime.stop(Duration.ofSeconds(1));
        await(() -> !virtiofsd.isAlive());
    }

    @Test
    void startWithoutCurrentSaysWhatIsMissing() throws Exception {
        VmDirectory vm = new StateDirectory(tmp).vm(new VmName("empty"));
        Files.createDirectories(vm.path());
        assertThatThrownBy(() -> new VmRuntime(vm, log::add).start())
                .hasMessageContaining("has no current runner");
    }

    static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
