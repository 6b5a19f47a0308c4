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
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * alioth ({@code lib/runners/alioth.nix}). Fixes: alioth's block device parameter is {@code readonly}
 * (microvm.nix spelled it {@code readOnly=} for volumes); with several vCPUs alioth opens {@code queue_pairs}
 * queues per tap, so taps are created {@code multi_queue} (microvm.nix did not, and the open failed).
 */
public final class Alioth implements Runner {

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.ALIOTH;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.nonQemuDefaults("alioth");
        m.put(Feature.SHARE_9P, Support.no("alioth has no 9p; use proto = \"virtiofs\""));
        m.put(Feature.SHARE_9P_READ_ONLY, Support.no("alioth has no 9p"));
        m.put(Feature.INTERFACE_USER, Support.no("alioth has only tap interfaces"));
        m.put(Feature.INTERFACE_MACVTAP, Support.no("alioth has only tap interfaces"));
        m.put(Feature.INTERFACE_BRIDGE, Support.no("alioth has only tap interfaces"));
        m.put(Feature.BALLOON, Support.no("the alioth runner has no balloon"));
        m.put(Feature.HOTPLUG_MEMORY, Support.no("alioth has no memory hotplug"));
        m.put(Feature.PCI_PASSTHROUGH, Support.no("the alioth runner has no device passthrough"));
        m.put(Feature.USB_PASSTHROUGH, Support.no("the alioth runner has no device passthrough"));
        m.put(Feature.VOLUME_SERIAL, Support.warn("alioth disks have no serial number"));
        m.put(Feature.VOLUME_DIRECT, Support.warn("alioth has no O_DIRECT switch"));
        return SupportTables.freeze(m);
    }


    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        List<Diagnostic> diagnostics = Checked.orThrow(this, spec);
        String cmdline = KernelCommandLine.compose(List.of("console=ttyS0", "reboot=k", "panic=1"), spec, artefacts,
            List.of());
        int vcpu = spec.resources().vcpu();
        var a = new ArrayList<String>(List.of(ctx.tool(Tool.ALIOTH), "run",
            "--memory", "size=" + spec.resources().memMiB() + "M,backend=memfd", "--num-cpu", Integer.toString(vcpu),
            "-k", artefacts.kernelImage(), "-i", artefacts.initrd(), "-c", cmdline, "--entropy"));
        if (spec.store().storeOnDisk()) {
            a.addAll(List.of("--blk", "path=" + artefacts.storeDisk().orElseThrow(() -> Qemu.missingStoreDisk(spec))
                + ",readonly=true"));
        }
        for (Volume v : spec.volumes()) a.addAll(List.of("--blk", "path=" + v.image() + ",readonly=" + v.readOnly()));
        for (Share s : spec.shares()) a.addAll(List.of("--fs", "vu,socket=" + s.socket().orElseThrow() + ",tag=" + s.tag()));
        for (NetInterface n : spec.interfaces()) {
            a.addAll(List.of("--net", "if_name=" + n.id() + ",mac=" + n.mac() + ",queue_pairs=" + vcpu + ",mtu=1500"));
        }
        spec.vsock().cid().ifPresent(cid -> a.addAll(List.of("--vsock", "vhost,cid=" + cid)));
        var pre = spec.preStart().isBlank() ? List.<String>of() : List.of(spec.preStart().strip());
        return new RunnerPlan(Hypervisor.ALIOTH, a.stream().map(Arg::of).toList(), pre, List.of(), Optional.empty(),
            Optional.empty(), new RunnerPlan.Support(false, false, vcpu > 1), Map.of(), cmdline, Optional.empty(),
            diagnostics);
    }
}
