package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.runner.HostTools.Tool;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * kvmtool ({@code lib/runners/kvmtool.nix}). It cannot shut a guest down gracefully ({@code lkvm stop} is a
 * hard stop). Balloon: microvm.nix's negative-size branch tested {@code \d} in a bash ERE, which never
 * matches, so deflating was impossible; here {@code -N} deflates by N MiB and {@code N} inflates.
 */
public final class Kvmtool implements Runner {

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.KVMTOOL;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.nonQemuDefaults("kvmtool");
        m.put(Feature.SHARE_VIRTIOFS, Support.no("kvmtool has no virtiofs; use proto = \"9p\""));
        m.put(Feature.SHARE_9P_READ_ONLY, Support.no("kvmtool cannot export a 9p share read-only"));
        m.put(Feature.INTERFACE_BRIDGE, Support.no("use a tap interface and attach it to the bridge on the host"));
        m.put(Feature.HOTPLUG_MEMORY, Support.no("kvmtool has no memory hotplug"));
        m.put(Feature.USB_PASSTHROUGH, Support.no("kvmtool has no USB passthrough"));
        m.put(Feature.VOLUME_SERIAL, Support.warn("kvmtool disks have no serial number"));
        return SupportTables.freeze(m);
    }


    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        List<Diagnostic> diagnostics = Checked.orThrow(this, spec);
        String cmdline = KernelCommandLine.compose(List.of("console=ttyS0", "reboot=k", "panic=1"), spec, artefacts,
            List.of());
        var a = new ArrayList<Arg>();
        for (String s : List.of(ctx.tool(Tool.LKVM), "run", "--name", spec.hostName(),
            "-m", Integer.toString(spec.resources().memMiB()), "-c", Integer.toString(spec.resources().vcpu()),
            "--console", "serial", "--rng", "-k", artefacts.kernelImage(), "-i", artefacts.initrd(), "-p", cmdline)) {
            a.add(Arg.of(s));
        }
        if (spec.store().storeOnDisk()) {
            add(a, "-d", artefacts.storeDisk().orElseThrow(() -> Qemu.missingStoreDisk(spec)) + ",ro");
        }
        if (spec.resources().balloon()) a.add(Arg.of("--balloon"));
        for (Volume v : spec.volumes()) add(a, "-d", v.image() + (v.direct() ? ",direct" : "") + (v.readOnly() ? ",ro" : ""));
        for (Share s : spec.shares()) add(a, "--9p", Sources.of(s, artefacts) + "," + s.tag());
        for (NetInterface n : spec.interfaces()) {
            a.add(Arg.of("-n"));
            switch (n.type()) {
                case MACVTAP -> a.add(new Arg.Runtime("mode=tap,tapif=/dev/tap$(" + ctx.tool(Tool.CAT)
                    + " /sys/class/net/" + n.id() + "/ifindex),guest_mac=" + n.mac()));
                default -> a.add(Arg.of("mode=" + n.type().nixName() + ",tapif=" + n.id() + ",guest_mac=" + n.mac()));
            }
        }
        for (Device d : spec.devices()) a.add(Arg.of("--vfio-pci=" + d.path()));
        spec.vsock().cid().ifPresent(cid -> add(a, "--vsock", Integer.toString(cid)));

        var pre = new ArrayList<String>();
        if (!spec.preStart().isBlank()) pre.add(spec.preStart().strip());
        pre.add("# lkvm keeps its control sockets under $HOME/.lkvm\nexport HOME=\"$PWD\"");
        Optional<String> balloon = spec.resources().balloon() ? Optional.of(
            "case \"${1:-}\" in\n"
            + "  -*[!0-9]*|''|-) echo \"usage: $0 <MiB to inflate> | -<MiB to deflate>\" >&2; exit 2 ;;\n"
            + "  -*) direction=-d; amount=${1#-} ;;\n"
            + "  *[!0-9]*) echo \"usage: $0 <MiB to inflate> | -<MiB to deflate>\" >&2; exit 2 ;;\n"
            + "  *) direction=-i; amount=$1 ;;\n"
            + "esac\n"
            + "HOME=\"$PWD\" " + ctx.tool(Tool.LKVM) + " balloon \"$direction\" \"$amount\" -n "
            + Shell.quote(spec.hostName()) + "\n") : Optional.empty();
        return new RunnerPlan(Hypervisor.KVMTOOL, a, pre, List.of(), Optional.empty(), balloon,
            new RunnerPlan.Support(false, false, false), Map.of(), cmdline, Optional.empty(), diagnostics);
    }

    private static void add(List<Arg> a, String flag, String value) {
        a.add(Arg.of(flag));
        a.add(Arg.of(value));
    }
}
