package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;
import org.junit.jupiter.api.Test;

/** The support matrix of reference §6.10 and the evaluation-time errors and warnings around it. */
class SupportMatrixTest {

    /**
     * §6.10 for x86_64, with jmicrovm's deliberate departures marked in the runners' javadoc: Y works,
     * N refuses, W warns. Columns: qemu cloud-hypervisor firecracker crosvm kvmtool stratovirt alioth.
     */
    static final String MATRIX = """
        SHARE_9P             Y N N Y Y N N
        SHARE_9P_READ_ONLY   Y N N N N N N
        SHARE_VIRTIOFS       Y Y N Y N Y Y
        INTERFACE_USER       Y N N N Y N N
        INTERFACE_TAP        Y Y Y Y Y Y Y
        INTERFACE_MACVTAP    Y Y N Y Y Y N
        INTERFACE_BRIDGE     Y N N N N N N
        VSOCK                Y Y Y Y Y W Y
        BALLOON              Y Y N Y Y N N
        INITIAL_BALLOON      N Y N N N N N
        HOTPLUG_MEMORY       Y Y N N N N N
        HUGEPAGES            W Y W W W W W
        PCI_PASSTHROUGH      Y Y N Y Y N N
        USB_PASSTHROUGH      Y N N N N N N
        CREDENTIAL_FILES     Y N N N N N N
        RUN_AS_USER          Y N N N N N N
        FORWARD_PORTS        Y N N N N N N
        GRAPHICS             Y Y W Y W W W
        EMULATED_CPU         Y W W W W W W
        VOLUME_SERIAL        Y Y W Y W Y W
        VOLUME_DIRECT        Y Y W Y Y Y W
        VOLUME_IMAGE_FORMAT  Y Y N N N N N
        """;

    @Test
    void everyRunnerStatesTheMatrixOfTheReference() {
        var expected = new EnumMap<Hypervisor, Map<Feature, Support.Level>>(Hypervisor.class);
        for (String line : MATRIX.strip().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            Feature f = Feature.valueOf(cols[0]);
            for (int i = 0; i < Hypervisor.values().length; i++) {
                Support.Level level = switch (cols[i + 1]) {
                    case "Y" -> Support.Level.YES;
                    case "N" -> Support.Level.NO;
                    case "W" -> Support.Level.WARN;
                    default -> throw new IllegalArgumentException(cols[i + 1]);
                };
                expected.computeIfAbsent(Hypervisor.values()[i], h -> new EnumMap<>(Feature.class)).put(f, level);
            }
        }
        for (Hypervisor h : Hypervisor.values()) {
            Map<Feature, Support> table = Runner.of(h).support(Platform.X86_64_LINUX);
            assertThat(table.keySet()).as("%s states every feature", h).containsExactlyInAnyOrder(Feature.values());
            table.forEach((f, s) -> {
                assertThat(s.level()).as("%s / %s", h, f).isEqualTo(expected.get(h).get(f));
                if (s.level() != Support.Level.YES) assertThat(s.note()).as("%s / %s explains", h, f).isNotBlank();
            });
            assertThat(Runner.of(h).hypervisor()).isEqualTo(h);
        }
        assertThat(Runner.of(Hypervisor.STRATOVIRT).support(Platform.AARCH64_LINUX).get(Feature.PCI_PASSTHROUGH).level())
            .isEqualTo(Support.Level.YES);
    }

    private static RunnerException refusal(MicroVmSpec spec) {
        try {
            Runner.planFor(spec, ExampleVm.artefacts(spec), ExampleVm.context());
        } catch (RunnerException e) {
            return e;
        }
        throw new AssertionError("expected " + spec.hypervisor() + " to refuse the spec");
    }

    @Test
    void cloudHypervisorRefusesNinePAndUserNetworkingNamingTheEntries() {
        var spec = ExampleVm.spec(Hypervisor.QEMU).toBuilder().hypervisor(Hypervisor.CLOUD_HYPERVISOR).build();
        var e = refusal(spec);
        assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).extracting(Diagnostic::option)
            .containsExactly("microvm.shares.[1]", "microvm.interfaces.[1]");
        assertThat(e.getMessage())
            .contains("error: MicroVM my-vm: microvm.shares.[1]: cloud-hypervisor does not support 9p shares (share \"data\")")
            .contains("hint: cloud-hypervisor supports only virtiofs shares; set proto = \"virtiofs\"")
            .contains("cloud-hypervisor does not support user-mode networking (type = \"user\") (interface \"usernet\")");
    }

    @Test
    void firecrackerNeedsASocketAndAStoreDiskAndRefusesShares() {
        var spec = ExampleVm.base(Hypervisor.FIRECRACKER).socket(null).share(ExampleVm.roStore(Share.Proto.VIRTIOFS))
            .iface(NetInterface.tap("vm-my", "02:00:00:00:00:01")).build();
        var errors = refusal(spec).diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
        assertThat(errors).contains("firecracker must be configured with an API socket",
            "firecracker does not support virtiofs shares (share \"ro-store\")");
        assertThat(errors).anyMatch(m -> m.contains("cannot share the host store"));
    }

    @Test
    void readOnlyNinePIsRefusedByCrosvmAndKvmtoolButExportedReadOnlyByQemu() {
        for (Hypervisor h : List.of(Hypervisor.CROSVM, Hypervisor.KVMTOOL)) {
            var spec = ExampleVm.base(h).share(ExampleVm.data().withReadOnly(true)).build();
            assertThat(refusal(spec).getMessage()).contains(h + " does not support read-only 9p shares (share \"data\")");
        }
        var qemu = ExampleVm.base(Hypervisor.QEMU).share(ExampleVm.data().withReadOnly(true))
            .share(ExampleVm.roStore(Share.Proto.VIRTIOFS)).build();
        var plan = Runner.planFor(qemu, ExampleVm.ARTEFACTS, ExampleVm.context());
        assertThat(plan.argv()).contains("local,id=fs0,path=data,security_model=none,readonly=on");
    }

    @Test
    void forwardPortsNeedQemuAndAUserInterface() {
        var noUser = ExampleVm.base(Hypervisor.QEMU).iface(NetInterface.tap("vm-my", "02:00:00:00:00:01"))
            .forwardPort(ForwardPort.tcp(2222, 22)).build();
        assertThat(refusal(noUser).getMessage()).contains("microvm.forwardPorts: forwardPorts needs an interface of type \"user\"");

        var ch = ExampleVm.base(Hypervisor.CLOUD_HYPERVISOR).iface(NetInterface.tap("vm-my", "02:00:00:00:00:01"))
            .iface(NetInterface.user("usernet", "02:00:00:00:00:02")).forwardPort(ForwardPort.tcp(2222, 22)).build();
        assertThat(refusal(ch).getMessage()).contains("cloud-hypervisor does not support port forwarding");

        var ok = ExampleVm.base(Hypervisor.QEMU).iface(NetInterface.user("usernet", "02:00:00:00:00:02"))
            .forwardPort(ForwardPort.tcp(2222, 22))
            .forwardPort(new ForwardPort(ForwardPort.From.HOST, ForwardPort.Proto.UDP, "127.0.0.1", 5353, "10.0.2.15", 53))
            .build();
        var plan = Runner.planFor(ok, ExampleVm.ARTEFACTS, ExampleVm.context());
        assertThat(plan.argv()).contains("user,id=usernet,hostfwd=tcp::2222-:22,hostfwd=udp:127.0.0.1:5353-10.0.2.15:53");
    }

    @Test
    void stratovirtWritesQueuesOnceAndOnlyForMultiQueue() {
        var plan = Runner.planFor(ExampleVm.spec(Hypervisor.STRATOVIRT), ExampleVm.ARTEFACTS, ExampleVm.context());
        String netdev = plan.argv().get(plan.argv().indexOf("-netdev") + 1);
        assertThat(netdev).isEqualTo("tap,id=vm-my,ifname=vm-my,queues=2");
        var single = ExampleVm.spec(Hypervisor.STRATOVIRT).toBuilder().vcpu(1).build();
        var plan1 = Runner.planFor(single, ExampleVm.ARTEFACTS, ExampleVm.context());
        assertThat(plan1.argv().get(plan1.argv().indexOf("-netdev") + 1)).isEqualTo("tap,id=vm-my,ifname=vm-my");
        assertThat(plan1.support().tapMultiQueue()).isFalse();
        assertThat(plan.argv()).noneMatch(a -> a.contains(",,"));
    }

    @Test
    void warningsLetThePlanThrough() {
        var spec = ExampleVm.spec(Hypervisor.FIRECRACKER).toBuilder().build();
        var withSerial = new Volume("log.img", Optional.of("/log"), java.util.OptionalInt.of(16), true, "ext4",
            Optional.empty(), List.of(), Optional.of("LOG1"), true, false, Volume.ImageType.RAW);
        spec = spec.toBuilder().volume(withSerial).build();
        var plan = Runner.planFor(spec, ExampleVm.artefacts(spec), ExampleVm.context());
        assertThat(plan.diagnostics()).extracting(d -> d.severity() + " " + d.option()).containsExactly(
            "WARNING microvm.volumes.[1].serial", "WARNING microvm.volumes.[1].direct");
    }

    @Test
    void guestAssertionsCollectEveryProblemAtOnce() {
        var spec = MicroVmSpec.builder("bad").vsock(org.jmicrovm.model.Vsock.cid(2)).registerWithMachined(true)
            .share(ExampleVm.data()).share(ExampleVm.data())
            .share(Share.of(Share.Proto.VIRTIOFS, "fs", "/srv", "/srv", Optional.empty()))
            .iface(NetInterface.tap("a-very-long-interface-name", "02:00:00:00:00:01"))
            .iface(NetInterface.tap("t0", "not-a-mac"))
            .iface(new NetInterface(NetInterface.Type.BRIDGE, "br-vm", "02:00:00:00:00:03", Optional.empty(), Optional.empty(), false))
            .volume(new Volume("x.img", Optional.of("/x"), java.util.OptionalInt.empty(), true, "zfs", Optional.empty(),
                List.of(), Optional.empty(), false, false, Volume.ImageType.RAW))
            .build();
        var messages = Runner.of(Hypervisor.QEMU).check(spec).stream().filter(Diagnostic::isError)
            .map(d -> d.option() + ": " + d.message()).toList();
        assertThat(messages).contains(
            "microvm.shares: duplicate share tag \"data\"",
            "microvm.shares.[2].socket: virtiofs share \"fs\" has no socket",
            "microvm.interfaces.[0].id: interface id \"a-very-long-interface-name\" is longer than 15 characters",
            "microvm.interfaces.[1].mac: \"not-a-mac\" is not a MAC address",
            "microvm.interfaces.[2].bridge: interface \"br-vm\" is of type bridge but sets no bridge",
            "microvm.volumes.[0].size: volume \"x.img\" is auto-created but has no size",
            "microvm.volumes.[0].fsType: do not know how to create a \"zfs\" file system for volume \"x.img\"",
            "microvm.vsock.cid: vsock CID 2 is reserved",
            "microvm.registerWithMachined: not supported by jmicrovm: registering VMs with systemd-machined (bin/microvm-register)");
    }

    @Test
    void qemuSwitchesToQ35WhenPciIsNeededAndUsesPciDevicesThere() {
        var spec = ExampleVm.spec(Hypervisor.QEMU).toBuilder().device(Device.pci("0000:06:00.1")).build();
        var plan = Runner.planFor(spec, ExampleVm.ARTEFACTS, ExampleVm.context());
        assertThat(plan.argv()).contains("q35,mem-merge=on", "node,memdev=mem", "vhost-user-fs-pci,chardev=fs0,tag=ro-store",
            "vfio-pci,host=0000:06:00.1,multifunction=on").doesNotContain("virtio-mmio.force-legacy=false");
        assertThat(plan.diagnostics()).anyMatch(d -> d.message().equals("using q35 instead of microvm: PCI passthrough needs a PCI bus"));
    }

    @Test
    void qemuDropsPrivilegesWithTheOptionItsVersionKnows() {
        var spec = ExampleVm.spec(Hypervisor.QEMU).toBuilder().user("microvm").build();
        var old = Runner.planFor(spec, ExampleVm.ARTEFACTS, ExampleVm.context());
        assertThat(String.join(" ", old.argv())).contains("-runas microvm");
        var ctx = RunnerContext.of(ExampleVm.RUNNER_PATH, HostTools.debian12().withQemuVersion(9, 2),
            ExampleVm.context().accelerator());
        assertThat(String.join(" ", Runner.planFor(spec, ExampleVm.ARTEFACTS, ctx).argv())).contains("-run-with user=microvm");
        var ch = spec.toBuilder().hypervisor(Hypervisor.KVMTOOL).build();
        assertThat(Runner.of(Hypervisor.KVMTOOL).check(ch)).anyMatch(d -> d.isError() && d.option().equals("microvm.user"));
    }

    @Test
    void firecrackerExtraConfigMergesLikeRecursiveUpdate() {
        var fc = new org.jmicrovm.model.FirecrackerOptions(Optional.empty(),
            org.jmicrovm.model.FirecrackerOptions.DriveIoEngine.SYNC, List.of("--level", "Debug"),
            Map.of("machine-config", Map.of("smt", false, "track_dirty_pages", true), "logger", Map.of("level", "Debug")));
        var base = ExampleVm.spec(Hypervisor.FIRECRACKER);
        var spec = base.toBuilder().hypervisorOptions(new org.jmicrovm.model.HypervisorOptions(
            base.hypervisorOptions().qemu(), base.hypervisorOptions().cloudHypervisor(), base.hypervisorOptions().crosvm(), fc)).build();
        var plan = Runner.planFor(spec, ExampleVm.artefacts(spec), ExampleVm.context());
        String json = plan.files().get(Firecracker.CONFIG);
        assertThat(json).contains("\"vcpu_count\" : 2", "\"smt\" : false", "\"track_dirty_pages\" : true",
            "\"logger\" : {", "\"io_engine\" : \"Sync\"");
        assertThat(plan.argv()).endsWith("--level", "Debug");
    }

    @Test
    void kvmtoolBalloonDeflatesWithANegativeSize() {
        var spec = ExampleVm.spec(Hypervisor.KVMTOOL).toBuilder().balloon(true).build();
        var plan = Runner.planFor(spec, ExampleVm.ARTEFACTS, ExampleVm.context());
        assertThat(plan.argv()).contains("--balloon");
        assertThat(plan.balloon()).get().asString().contains("-*) direction=-d; amount=${1#-} ;;");
    }
}
