package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.host.plan.Planner;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.ControlProtocol.Command;
import org.jmicrovm.supervise.ControlProtocol.Request;
import org.jmicrovm.supervise.ControlSocket;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor as a separate process, killed with SIGKILL while two VMs run: the VMs keep
 * running, a new supervisor adopts them, and {@code microvm stop} stops them gracefully.
 * The VMs' runners are shell programs standing in for a hypervisor (real guests boot in the
 * "vm"-tagged tests).
 */
class SupervisorEndToEndTest {

    @TempDir
    Path tmp;

    StateDirectory state;
    final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        daemons.forEach(Process::destroyForcibly);
        if (state != null) {
            for (var dir : state.list()) {
                new VmRuntime(dir, s -> {}, Duration.ofSeconds(1)).stop(Duration.ofSeconds(1));
            }
        }
    }

    void vm(String name) throws IOException {
        Path system = tmp.resolve("store").resolve("bbbb-system-" + name);
        Files.createDirectories(system);
        Path runner = tmp.resolve("store").resolve("aaaa-microvm-qemu-" + name);
        Files.createDirectories(runner.resolve("bin"));
        Files.createDirectories(runner.resolve("share/microvm"));
        Files.createSymbolicLink(runner.resolve("share/microvm/system"), system);
        Path run = runner.resolve("bin/microvm-run");
        Files.writeString(run, "#!/bin/sh\necho $$ > hv.pid\necho guest " + name + " up\nexec sleep 600\n");
        Path shutdown = runner.resolve("bin/microvm-shutdown");
        Files.writeString(shutdown, "#!/bin/sh\necho graceful >> shutdowns\nkill $(cat hv.pid)\n");
        for (Path p : List.of(run, shutdown)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path dir = state.vm(new VmName(name)).path();
        Files.createDirectories(dir);
        Links.replace(dir.resolve("current"), runner);
        Links.replace(dir.resolve("toplevel"), system);
    }

    Process daemon() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MicrovmHostCommand.class.getName(), "daemon", "--state-dir", state.root().toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("daemon-" + daemons.size() + ".log").toFile())
                .start();
        daemons.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ControlSocket.request(state, new Request(Command.PING, null)).isEmpty()) {
            assertThat(p.isAlive()).as("daemon died: " + Files.readString(tmp.resolve("daemon-" + (daemons.size() - 1) + ".log"))).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        return p;
    }

    String microvm(String... args) {
        StringWriter out = new StringWriter();
        var cli = MicrovmCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(args);
        return code + ":" + out;
    }

    long pidOf(String name) throws IOException {
        var response = ControlSocket.request(state, new Request(Command.STATUS, name)).orElseThrow();
        return response.vms().get(0).pid();
    }

    @Test
    void vmsSurviveASigkilledSupervisorAndAreAdoptedByTheNextOne() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        vm("a");
        vm("b");
        Process first = daemon();
        String sd = "--state-dir=" + state.root();
        assertThat(microvm("start", "a", sd)).startsWith("0:Started MicroVM a");
        assertThat(microvm("start", "b", sd)).startsWith("0:Started MicroVM b");
        long pidA = pidOf("a");
        long pidB = pidOf("b");
        for (String vm : List.of("a", "b")) {
            Path hvPid = state.vm(new VmName(vm)).path().resolve("hv.pid");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(hvPid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        first.destroyForcibly().waitFor(); // SIGKILL
        assertThat(ProcessHandle.of(pidA).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.of(pidB).map(ProcessHandle::isAlive)).contains(true);

        daemon();
        assertThat(pidOf("a")).isEqualTo(pidA);
        assertThat(pidOf("b")).isEqualTo(pidB);
        assertThat(microvm("status", "a", sd)).contains("a: running (pid " + pidA + ")");
        assertThat(state.vm(new VmName("a")).bootedTarget()).isPresent();

        assertThat(microvm("stop", "a", sd)).startsWith("0:MicroVM a: shut down gracefully");
        assertThat(microvm("stop", "b", sd)).startsWith("0:MicroVM b: shut down gracefully");
        assertThat(ProcessHandle.of(pidA).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(state.vm(new VmName("a")).bootedTarget()).isEmpty();
        assertThat(Files.readString(state.vm(new VmName("b")).path().resolve("shutdowns"))).isEqualTo("graceful\n");
    }

    @Test
    void withoutASupervisorStartAndStopActDirectlyAndSaySo() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        vm("solo");
        String sd = "--state-dir=" + state.root();
        assertThat(microvm("start", "solo", sd)).startsWith("0:").contains("no supervisor is running")
                .contains("Started MicroVM solo");
        Path hvPid = state.vm(new VmName("solo")).path().resolve("hv.pid");
        for (int i = 0; i < 500 && !Files.exists(hvPid); i++) {
            Thread.sleep(20);
        }
        assertThat(microvm("status", "solo", sd)).contains("solo: running (pid").contains("(no supervisor)");
        assertThat(microvm("-l", sd)).isEqualTo("0:solo: current(system-solo)\n");
        assertThat(microvm("stop", "solo", sd)).isEqualTo("0:MicroVM solo: shut down gracefully\n");
        assertThat(microvm("-l", sd)).isEqualTo("0:solo: current(system-solo), not booted: microvm start solo\n");
        assertThat(microvm("start", "ghost", sd)).startsWith("2:microvm: MicroVM ghost not found in ");
        // The last action flag wins, as with the original's getopts loop.
        assertThat(microvm("-c", "x", "-l", sd)).startsWith("0:solo: ");
        assertThat(microvm("-x")).startsWith("2:microvm: Unknown option: '-x'").contains("Usage: microvm <action>");
    }

    @Test
    void aSupervisedVmThatDoesNotComeUpAfterASwitchIsRolledBack() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        VmName vm = new VmName("sv");
        Path good = FakeRunners.runner(tmp.resolve("store"), "sv-1", FakeRunners.Guest.READY);
        Path dies = FakeRunners.runner(tmp.resolve("store"), "sv-2", FakeRunners.Guest.DIES);
        daemon();
        var settings = new org.jmicrovm.supervise.HostSettings(List.of("sv"), 5, List.of("sv"), List.of());
        List<String> progress = new ArrayList<>();
        var control = org.jmicrovm.host.VmControl.forHost(state, progress::add);
        assertThat(control).isInstanceOf(org.jmicrovm.host.VmControl.Supervised.class);
        var activation = new org.jmicrovm.host.Activation(state, control, progress::add);
        Map<VmName, DesiredVm> first = Map.of(vm, new DesiredVm.FlakeDeployment(vm, good, "/src", Optional.empty(), true));
        assertThat(activation.apply(Planner.plan(first, Set.of(vm), org.jmicrovm.host.Activation.observe(state)), first,
                settings)).as(String.join("\n", progress)).isEmpty();

        // the supervisor restarts the crashing guest by itself meanwhile; the switch still rolls it back
        Map<VmName, DesiredVm> second = Map.of(vm, new DesiredVm.FlakeDeployment(vm, dies, "/src", Optional.empty(), true));
        List<String> failures = activation.apply(
                Planner.plan(second, Set.of(vm), org.jmicrovm.host.Activation.observe(state)), second, settings);
        assertThat(failures).singleElement().asString().contains("rolled back to " + good);
        assertThat(state.vm(vm).currentTarget()).contains(good);
        assertThat(microvm("status", "sv", "--state-dir=" + state.root())).contains("sv: running", "  booted:  " + good);
        // a TCG boot takes 2-3 s here, longer on a loaded CI machine; waiting costs nothing when it is up
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!microvm("status", "sv", "--state-dir=" + state.root()).contains("guest:   ready")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(microvm("status", "sv", "--state-dir=" + state.root())).contains("guest:   ready");
    }
}
