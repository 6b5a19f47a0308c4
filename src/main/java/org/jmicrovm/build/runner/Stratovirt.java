package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.runner.HostTools.Tool;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Volume;

/**
 * stratovirt ({@code lib/runners/stratovirt.nix}), with microvm.nix's defects fixed: {@code queues=} appears
 * once and only for multi-queue taps (microvm.nix wrote it twice), no empty {@code ,,} element, and user or
 * bridge networking, which stratovirt does not have (its netdevs are tap and vhost-user), is refused at
 * evaluation instead of failing at start. vsock, which microvm.nix dropped silently, is a warning.
 */
public final class Stratovirt implements Runner {

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.STRATOVIRT;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.nonQemuDefaults("stratovirt");
        m.put(Feature.SHARE_9P, Support.no("stratovirt has no 9p; use proto = \"virtiofs\""));
        m.put(Feature.SHARE_9P_READ_ONLY, Support.no("stratovirt has no 9p"));
        m.put(Feature.INTERFACE_USER, Support.no("stratovirt has no user-mode networking; use a tap interface"));
        m.put(Feature.INTERFACE_BRIDGE, Support.no("stratovirt has no bridge helper; use a tap interface"));
        m.put(Feature.VSOCK, Support.warn("the stratovirt runner attaches no vsock device"));
        m.put(Feature.BALLOON, Support.no("the stratovirt runner has no balloon"));
        m.put(Feature.HOTPLUG_MEMORY, Support.no("stratovirt has no memory hotplug"));
        m.put(Feature.PCI_PASSTHROUGH, platform == Platform.X86_64_LINUX
            ? Support.no("PCI configuration for stratovirt is non-functional on x86_64") : Support.yes());
        m.put(Feature.USB_PASSTHROUGH, Support.no("stratovirt's microvm machine has no USB"));
        return SupportTables.freeze(m);
    }


    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        List<Diagnostic> diagnostics = Checked.orThrow(this, spec);
        boolean x86 = spec.platform() == Platform.X86_64_LINUX;
        int vcpu = spec.resources().vcpu();
        boolean mq = vcpu > 1;
        boolean pci = !x86 && !spec.devices().isEmpty();
        String cmdline = KernelCommandLine.compose(List.of("console=" + (x86 ? "ttyS0" : "ttyAMA0"), "edd=off",
            "reboot=t", "panic=-1"), spec, artefacts, List.of());
        var a = new ArrayList<String>(List.of(ctx.tool(Tool.UNBUFFER), ctx.tool(Tool.STRATOVIRT),
            "-name", spec.hostName(), "-machine", x86 ? "microvm" : "virt",
            "-m", Integer.toString(spec.resources().memMiB()), "-smp", Integer.toString(vcpu),
            "-kernel", artefacts.kernelImage(), "-initrd", artefacts.initrd(), "-append", cmdline,
            "-serial", "stdio",
            "-object", "rng-random,id=rng,filename=/dev/random",
            "-device", dev(pci, 1, "virtio-rng") + ",rng=rng,id=rng_dev"));
        if (spec.store().storeOnDisk()) {
            a.addAll(List.of("-drive", "id=store,format=raw,readonly=on,file="
                    + artefacts.storeDisk().orElseThrow(() -> Qemu.missingStoreDisk(spec)) + ",if=none,aio=io_uring,direct=false",
                "-device", dev(pci, 2, "virtio-blk") + ",drive=store,id=blk_store"));
        }
        spec.socket().ifPresent(s -> a.addAll(List.of("-qmp", "unix:" + s + ",server,nowait")));
        int index = 0;
        for (Drives.Drive d : Drives.volumes(spec)) {
            Volume v = d.volume();
            a.addAll(List.of("-drive", "id=" + d.id() + ",format=raw,if=none,aio=io_uring,file=" + v.image()
                    + ",direct=" + (v.direct() ? "on" : "off") + ",readonly=" + (v.readOnly() ? "on" : "off"),
                "-device", dev(pci, 4 + index, "virtio-blk") + ",drive=" + d.id() + ",id=blk_" + d.id()
                    + v.serial().map(s -> ",serial=" + s).orElse("")));
            index++;
        }
        int fsSlot = 4 + spec.volumes().size();
        for (int i = 0; i < spec.shares().size(); i++) {
            var s = spec.shares().get(i);
            a.addAll(List.of("-chardev", "socket,id=fs" + i + ",path=" + s.socket().orElseThrow(),
                "-device", dev(pci, fsSlot + i, "vhost-user-fs") + ",chardev=fs" + i + ",tag=" + s.tag() + ",id=fs" + i));
        }
        var fds = MacvtapFds.allocate(spec, mq);
        int netSlot = fsSlot + spec.shares().size();
        for (int i = 0; i < spec.interfaces().size(); i++) {
            NetInterface n = spec.interfaces().get(i);
            String backend = switch (n.type()) {
                case TAP -> "tap,id=" + n.id() + ",ifname=" + n.id();
                case MACVTAP -> "tap,id=" + n.id() + (fds.of(n.id()).size() == 1 ? ",fd=" + fds.of(n.id()).get(0)
                    : ",fds=" + String.join(":", fds.of(n.id()).stream().map(String::valueOf).toList()));
                case USER, BRIDGE -> throw new IllegalStateException("refused by the support table");
            };
            a.addAll(List.of("-netdev", backend + (mq ? ",queues=" + Math.min(16, vcpu) : ""),
                "-device", dev(pci, netSlot + i, "virtio-net") + ",id=net_" + n.id() + ",netdev=" + n.id()
                    + ",mac=" + n.mac() + ",mq=" + (mq ? "on" : "off")));
        }
        for (var d : spec.devices()) a.addAll(List.of("-device", "vfio-pci,host=" + d.path()));

        var pre = spec.preStart().isBlank() ? List.<String>of() : List.of(spec.preStart().strip());
        return new RunnerPlan(Hypervisor.STRATOVIRT, a.stream().map(Arg::of).toList(), pre, fds.all(), Optional.empty(),
            Optional.empty(), new RunnerPlan.Support(false, false, mq), Map.of(), cmdline, Optional.empty(), diagnostics);
    }

    /** {@code virtio-x-device} on the microvm machine, {@code virtio-x-pci,bus=pcie.0,addr=0xN} on virt with PCI. */
    private static String dev(boolean pci, int addr, String kind) {
        if (!pci) return kind + "-device";
        if (addr >= 32) throw new IllegalStateException("too many PCI devices for stratovirt's bus: address " + addr);
        return kind + "-pci,bus=pcie.0,addr=0x" + Integer.toHexString(addr);
    }
}
