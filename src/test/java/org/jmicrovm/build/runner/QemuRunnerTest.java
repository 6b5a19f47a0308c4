package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Vsock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example VM's generated scripts run for real: tap-up in a private network namespace, virtiofsd-run
 * with the host's C virtiofsd, and microvm-run starting the real qemu with every generated device. Only the
 * kernel is left out (a wrapper drops -kernel/-initrd/-append and adds -S), so qemu builds the whole machine,
 * connects to virtiofsd and opens the taps, and then waits; the test inspects it over QMP and drives the
 * generated shutdown and balloon scripts. vsock is left out: this host has no /dev/vhost-vsock.
 */
class QemuRunnerTest {
    private static final String QEMU = "/usr/bin/qemu-system-x86_64";
    private static final String VIRTIOFSD = "/usr/lib/qemu/virtiofsd";

    @TempDir
    Path tmp;
    String ns;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Host.isRoot(), "needs root (network namespace, virtiofsd)");
        assumeTrue(Host.executable(QEMU) && Host.executable(VIRTIOFSD) && Host.executable("/usr/bin/socat"),
            "needs qemu-system-x86, its virtiofsd and socat");
        ns = "jmvq-" + ProcessHandle.current().pid();
        assumeTrue(Host.run(tmp, "ip", "netns", "add", ns).status() == 0, "ip netns add");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (ns != null) Host.run(tmp, "ip", "netns", "delete", ns);
    }

    /** qemu without the kernel arguments, frozen before the first instruction (-S). */
    private Path qemuWithoutKernel() throws IOException {
        Path wrapper = tmp.resolve("qemu-without-kernel");
        Files.writeString(wrapper, """
            #!/bin/sh
            skip=0
            for a do
              shift
              if [ "$skip" = 1 ]; then skip=0; continue; fi
              case $a in -kernel|-initrd|-append) skip=1; continue ;; esac
              set -- "$@" "$a"
            done
            exec %s "$@" -S
            """.formatted(QEMU));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    private Process start(Path dir, Path log, String... command) throws IOException {
        var cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private static void waitFor(Path socket, Process owner, Path log) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(socket)) {
            if (!owner.isAlive()) throw new AssertionError("exited with " + owner.exitValue() + ":\n" + Files.readString(log));
            if (System.nanoTime() > end) throw new AssertionError("no " + socket + ":\n" + Files.readString(log));
            Thread.sleep(50);
        }
    }

    private String qmp(Path state, String... commands) throws Exception {
        var script = new StringBuilder("printf '%s\\n' '{\"execute\":\"qmp_capabilities\"}'");
        for (String c : commands) script.append(" '").append(c).append('\'');
        script.append(" | socat -t 1 STDIO UNIX-CONNECT:my-vm.sock");
        return Host.run(state, "sh", "-c", script.toString()).output();
    }

    @Test
    void generatedScriptsStartRealQemuWithEveryDevice() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path hostStore = Files.createDirectories(tmp.resolve("store"));
        Files.writeString(hostStore.resolve("hello"), "from the host store\n");
        Files.createDirectories(state.resolve("data"));

        MicroVmSpec spec = ExampleVm.spec(Hypervisor.QEMU).toBuilder().vsock(Vsock.none()).balloon(true).build();
        var artefacts = new BuiltArtefacts(ExampleVm.ARTEFACTS.kernelImage(), ExampleVm.ARTEFACTS.kernelElf(),
            ExampleVm.ARTEFACTS.initrd(), ExampleVm.ARTEFACTS.toplevel(), Optional.empty(), hostStore.toString(), List.of());
        var tools = HostTools.debian12().with(HostTools.Tool.QEMU_X86_64, qemuWithoutKernel().toString(),
            HostTools.VirtiofsdFlavour.C_QEMU);
        Path runner = tmp.resolve("runner");
        var ctx = new RunnerContext(runner.toString(), tools, Accelerator.tcg("test", OptionalLong.of(2596140)),
            Optional.of("root"), "root");
        new RunnerLayout(ctx).render(spec, artefacts).writeTo(runner);

        var up = Host.run(tmp, "ip", "netns", "exec", ns, runner.resolve("bin/tap-up").toString());
        assertThat(up.status()).as(up.output()).isZero();

        Path fsLog = tmp.resolve("virtiofsd.log");
        Process virtiofsd = start(state, fsLog, runner.resolve("bin/virtiofsd-run").toString());
        waitFor(state.resolve("my-vm-virtiofs-ro-store.sock"), virtiofsd, fsLog);

        Path vmLog = tmp.resolve("qemu.log");
        Process vm = start(state, vmLog, runner.resolve("bin/microvm-run").toString());
        waitFor(state.resolve("my-vm.sock"), vm, vmLog);
        assertThat(Files.size(state.resolve("var.img"))).isEqualTo(1024L << 20);

        String status = qmp(state, "{\"execute\":\"query-status\"}");
        assertThat(status).as(Files.readString(vmLog)).contains("\"status\": \"prelaunch\"");
        String tree = qmp(state, "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info qtree\"}}");
        assertThat(tree).contains("vhost-user-fs-device", "virtio-9p-device", "virtio-blk-device", "virtio-net-device",
            "virtio-balloon-device", "virtio-rng-device");
        String nets = qmp(state, "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info network\"}}");
        assertThat(nets).contains("vm-my", "ifname=vm-my", "usernet");
        String tapLink = Host.run(tmp, "ip", "-n", ns, "-d", "link", "show", "vm-my").output();
        // Two queues opened; the second stays disabled until a guest driver turns multi-queue on.
        assertThat(tapLink).as("qemu opened both queues").contains("numqueues 1 numdisabled 1");

        var balloon = Host.run(state, runner.resolve("bin/microvm-balloon").toString(), "512");
        assertThat(balloon.output().trim()).as(balloon.output()).isEqualTo("1024");

        // A frozen guest cannot answer the power button: the script gives up after the timeout and says so.
        var shutdown = Host.run(state, Map.of("MICROVM_SHUTDOWN_TIMEOUT", "2"), 30,
            runner.resolve("bin/microvm-shutdown").toString());
        assertThat(shutdown.status()).isEqualTo(1);
        assertThat(shutdown.output()).contains("microvm-shutdown: my-vm is still running after 2s");

        qmp(state, "{\"execute\":\"quit\"}");
        assertThat(vm.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(virtiofsd.waitFor(15, java.util.concurrent.TimeUnit.SECONDS))
            .as("virtiofsd-run ends once its VM is gone:\n" + Files.readString(fsLog)).isTrue();
        assertThat(virtiofsd.exitValue()).isZero();
        var again = Host.run(state, runner.resolve("bin/microvm-shutdown").toString());
        assertThat(again.status()).as("nothing to shut down").isZero();
    }
}
