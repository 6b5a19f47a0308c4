package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Resources;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command lines the example VM does not reach, given to the real qemu (without the kernel, frozen with -S):
 * q35 chosen for virtio-mem, a store disk, credentials, a read-only 9p share, port forwarding, -runas.
 * Needs no root: user networking only.
 */
class QemuArgumentsTest {
    @TempDir
    Path state;

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void q35WithStoreDiskHotplugCredentialsAndForwardedPortsStarts() throws Exception {
        assumeTrue(Host.executable("/usr/bin/qemu-system-x86_64") && Host.executable("/usr/bin/socat"), "needs qemu");
        Files.write(state.resolve("store.img"), new byte[1 << 20]);
        Files.write(state.resolve("vol.qcow2.img"), new byte[1 << 20]);
        Files.writeString(state.resolve("secret"), "s3cret");
        Files.createDirectories(state.resolve("share"));
        var spec = MicroVmSpec.builder("args").vcpu(2)
            .resources(new Resources(2, Optional.empty(), 256, false, 256, 128, true, 0, false))
            .store(GuestStore.onErofsDisk())
            .volume(new Volume("vol.qcow2.img", Optional.empty(), OptionalInt.empty(), false, "ext4", Optional.empty(),
                List.of(), Optional.of("SERIAL7"), true, true, Volume.ImageType.RAW))
            .share(Share.of(Share.Proto.NINE_P, "ro", "share", "/ro", Optional.empty()).withReadOnly(true))
            .iface(NetInterface.user("usernet", "02:00:00:00:00:02"))
            .forwardPort(new ForwardPort(ForwardPort.From.HOST, ForwardPort.Proto.TCP, "127.0.0.1", freePort(), "", 22))
            .forwardPort(new ForwardPort(ForwardPort.From.GUEST, ForwardPort.Proto.TCP, "127.0.0.1", 9, "10.0.2.100", 9))
            .credentialFile("greeting", state.resolve("secret").toString())
            .user(Host.isRoot() ? "nobody" : null)
            .build();
        var artefacts = new BuiltArtefacts("/k/bzImage", Optional.empty(), "/k/initrd", "/k/system",
            Optional.of(state.resolve("store.img").toString()), "/k", List.of());
        var ctx = RunnerContext.of("/runner", HostTools.debian12(), Accelerator.tcg("test", OptionalLong.empty()));
        RunnerPlan plan = Runner.planFor(spec, artefacts, ctx);
        assertThat(plan.argv()).contains("q35,mem-merge=on", "virtio-mem-pci,id=vm0,memdev=vmem0,requested-size=128M");

        var argv = new ArrayList<String>();
        for (int i = 0; i < plan.argv().size(); i++) {
            String a = plan.argv().get(i);
            if (List.of("-kernel", "-initrd", "-append").contains(a)) {
                i++;
                continue;
            }
            argv.add(a);
        }
        argv.add("-S");
        Process qemu = new ProcessBuilder(argv).directory(state.toFile()).redirectErrorStream(true)
            .redirectOutput(state.resolve("qemu.log").toFile()).start();
        try {
            long end = System.currentTimeMillis() + 20_000;
            while (!Files.exists(state.resolve("args.sock"))) {
                assertThat(qemu.isAlive()).as(Files.readString(state.resolve("qemu.log"))).isTrue();
                assertThat(System.currentTimeMillis()).isLessThan(end);
                Thread.sleep(50);
            }
            String tree = Host.run(state, "sh", "-c", "printf '%s\\n' '{\"execute\":\"qmp_capabilities\"}' "
                + "'{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info qtree\"}}' "
                + "'{\"execute\":\"quit\"}' | socat -t 2 STDIO UNIX-CONNECT:args.sock").output();
            assertThat(tree).contains("virtio-mem-pci", "virtio-9p-pci", "virtio-balloon-pci", "virtio-net-pci",
                "serial = \\\"SERIAL7\\\"");
            assertThat(qemu.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            qemu.destroyForcibly();
        }
    }
}
