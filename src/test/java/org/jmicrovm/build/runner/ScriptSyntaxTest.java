package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script every runner can generate passes {@code sh -n} (dash, Debian's /bin/sh), {@code bash --posix -n}
 * and busybox's ash: the golden example VMs plus a VM using the rarer scripts (macvtap, PCI setup, balloon,
 * extra bin scripts, a read-only virtiofs share).
 */
class ScriptSyntaxTest {
    @TempDir
    Path tmp;

    static MicroVmSpec everything(Hypervisor h) {
        var b = MicroVmSpec.builder("all-" + h.nixName().substring(0, 2)).hypervisor(h).vcpu(2).mem(256).balloon(true)
            .preStart("echo \"starting $PWD\"\nmkdir -p data")
            .extraArgsScript("/usr/bin/printf ''")
            .binScript("hello", "echo 'hello from a bin script'")
            .volume(Volume.of("vol it's $HOME.img", "/v", 8).withLabel("a label"))
            .iface(NetInterface.tap("vm-tap", "02:00:00:00:00:01"));
        if (h != Hypervisor.FIRECRACKER && h != Hypervisor.KVMTOOL) {
            b.share(Share.of(Share.Proto.VIRTIOFS, "ro", "/srv/ro", "/ro", Optional.of("ro.sock")).withReadOnly(true));
        }
        if (h == Hypervisor.FIRECRACKER) b.store(org.jmicrovm.model.GuestStore.onErofsDisk());
        if (h == Hypervisor.KVMTOOL) b.share(ExampleVm.roStore(Share.Proto.NINE_P));
        if (h != Hypervisor.FIRECRACKER && h != Hypervisor.ALIOTH) {
            b.iface(NetInterface.macvtap("vm-mv", "02:00:00:00:00:02", "eth0", NetInterface.MacvtapMode.BRIDGE));
        }
        if (h == Hypervisor.QEMU || h == Hypervisor.CLOUD_HYPERVISOR || h == Hypervisor.CROSVM || h == Hypervisor.KVMTOOL) {
            b.device(Device.pci("0000:06:00.1"));
        }
        if (h == Hypervisor.STRATOVIRT || h == Hypervisor.ALIOTH || h == Hypervisor.FIRECRACKER) b.balloon(false);
        return b.build();
    }

    static Stream<Arguments> runners() {
        var all = new ArrayList<Arguments>();
        for (var c : RunnerGoldenTest.cases()) all.add(Arguments.of(c.name(), RunnerGoldenTest.render(c)));
        for (Hypervisor h : Hypervisor.values()) {
            var spec = everything(h);
            all.add(Arguments.of("everything-" + h, new RunnerLayout(ExampleVm.context()).render(spec, ExampleVm.artefacts(spec))));
        }
        var rust = RunnerContext.of(ExampleVm.RUNNER_PATH,
            HostTools.debian12().with(HostTools.Tool.VIRTIOFSD, "/usr/libexec/virtiofsd", HostTools.VirtiofsdFlavour.RUST),
            ExampleVm.context().accelerator());
        var crosvm = everything(Hypervisor.CROSVM);
        all.add(Arguments.of("rust-virtiofsd", new RunnerLayout(rust).render(crosvm, ExampleVm.artefacts(crosvm))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runners")
    void everyScriptParses(String name, RunnerFiles files) throws IOException, InterruptedException {
        Path dir = tmp.resolve(name);
        files.writeTo(dir);
        var scripts = new ArrayList<String>();
        for (RunnerFiles.Entry e : files.entries()) {
            if (e instanceof RunnerFiles.File f && f.executable()) {
                scripts.add(f.path());
                assertThat(f.content()).as(f.path()).startsWith("#!/bin/sh\n");
                for (List<String> shell : List.of(List.of("/bin/sh", "-n"), List.of("/bin/bash", "--posix", "-n"),
                    List.of("/usr/bin/busybox", "sh", "-n"))) {
                    assumeTrue(Host.executable(shell.get(0)), shell.get(0));
                    var cmd = new ArrayList<>(shell);
                    cmd.add(f.path());
                    var r = Host.run(dir, cmd.toArray(String[]::new));
                    assertThat(r.status()).as("%s %s:\n%s", shell, f.path(), r.output()).isZero();
                }
            }
        }
        assertThat(scripts).contains("bin/microvm-run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runners")
    void scriptsAreReadOnlyExecutablesAfterWriting(String name, RunnerFiles files) throws IOException {
        Path dir = tmp.resolve(name);
        files.writeTo(dir);
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("bin/microvm-run")))
            .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_EXECUTE", "GROUP_READ",
                "GROUP_EXECUTE", "OTHERS_READ", "OTHERS_EXECUTE");
        assertThat(java.nio.file.Files.readString(dir.resolve("share/microvm/hypervisor"))).isEqualTo(
            files.plan().hypervisor().nixName() + "\n");
    }
}
