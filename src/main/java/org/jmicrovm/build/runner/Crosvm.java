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
 * crosvm ({@code lib/runners/crosvm.nix}). The store disk is attached with {@code --block …,ro=true} ahead
 * of the volumes rather than {@code -r}, so the guest's device order is explicit and no {@code root=} is
 * added. Shutdown presses the virtual power button and, unlike microvm.nix, waits for crosvm to exit.
 */
public final class Crosvm implements Runner {

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.CROSVM;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.nonQemuDefaults("crosvm");
        m.put(Feature.SHARE_9P_READ_ONLY, Support.no("crosvm cannot export a 9p share read-only; use virtiofs"));
        m.put(Feature.INTERFACE_USER, Support.no("crosvm has no user-mode networking; use a tap interface"));
        m.put(Feature.INTERFACE_BRIDGE, Support.no("use a tap interface and attach it to the bridge on the host"));
        m.put(Feature.HOTPLUG_MEMORY, Support.no("crosvm has no memory hotplug in jmicrovm"));
        m.put(Feature.USB_PASSTHROUGH, Support.no("crosvm has no USB passthrough"));
        m.put(Feature.GRAPHICS, Support.yes());
        return SupportTables.freeze(m);
    }


    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        var diagnostics = new ArrayList<>(Checked.orThrow(this, spec));
        boolean x86 = spec.platform() == Platform.X86_64_LINUX;
        if (ctx.tools().virtiofsdFlavour() == HostTools.VirtiofsdFlavour.C_QEMU
            && spec.shares().stream().anyMatch(s -> s.proto() == Share.Proto.VIRTIOFS)) {
            diagnostics.add(Diagnostic.warning("microvm.shares", "crosvm learns a virtiofs share's tag from virtiofsd "
                + "(--tag), which only the Rust virtiofsd offers; the C virtiofsd of this host cannot",
                "install the Rust virtiofsd, or use 9p shares with crosvm"));
        }
        String cmdline = KernelCommandLine.compose(List.of("console=ttyS0", "reboot=k", "panic=1"), spec, artefacts,
            List.of());
        var a = new ArrayList<String>(List.of(ctx.tool(Tool.CROSVM), "run",
            "-m", Integer.toString(spec.resources().memMiB()), "-c", Integer.toString(spec.resources().vcpu()),
            "--serial", "type=stdout,console=true,stdin=true", "-p", cmdline));
        a.add(spec.resources().balloon() ? "--balloon-page-reporting" : "--no-balloon");
        spec.socket().ifPresent(s -> a.addAll(List.of("-s", s)));
        if (spec.store().storeOnDisk()) {
            a.addAll(List.of("--block", artefacts.storeDisk().orElseThrow(() -> Qemu.missingStoreDisk(spec)) + ",ro=true"));
        }
        for (Volume v : spec.volumes()) {
            a.addAll(List.of("--block", v.image() + ",o_direct=" + v.direct() + ",ro=" + v.readOnly()
                + v.serial().map(s -> ",id=" + s).orElse("")));
        }
        for (Share s : spec.shares()) {
            switch (s.proto()) {
                case VIRTIOFS -> a.addAll(List.of("--vhost-user", "type=fs,socket=" + s.socket().orElseThrow()));
                case NINE_P -> a.addAll(List.of("--shared-dir", Sources.of(s, artefacts) + ":" + s.tag() + ":type=p9"));
            }
        }
        var fds = MacvtapFds.allocate(spec, false);
        for (NetInterface n : spec.interfaces()) {
            a.addAll(List.of("--net", (n.type() == NetInterface.Type.TAP ? "tap-name=" + n.id()
                : "tap-fd=" + fds.of(n.id()).get(0)) + ",mac=" + n.mac()));
        }
        for (Device d : spec.devices()) a.addAll(List.of("--vfio", "/sys/bus/pci/devices/" + d.path() + ",iommu=viommu"));
        spec.vsock().cid().ifPresent(cid -> a.addAll(List.of("--vsock", Integer.toString(cid))));
        if (spec.graphics().enable()) a.addAll(List.of("--vhost-user", "type=gpu,socket=" + spec.graphics().socket()));
        spec.hypervisorOptions().crosvm().pivotRoot().ifPresent(p -> a.addAll(List.of("--pivot-root", p)));
        a.addAll(spec.hypervisorOptions().crosvm().extraArgs());
        a.addAll(List.of("--initrd", artefacts.initrd()));
        a.add(x86 ? artefacts.kernelElf().orElseThrow(() -> CloudHypervisor.needsElf(spec)) : artefacts.kernelImage());

        var pre = new ArrayList<String>();
        spec.socket().ifPresent(s -> pre.add(ctx.tool(Tool.RM) + " -f " + Shell.quote(s)));
        if (!spec.preStart().isBlank()) pre.add(spec.preStart().strip());
        spec.hypervisorOptions().crosvm().pivotRoot().ifPresent(p -> pre.add(ctx.tool(Tool.MKDIR) + " -p " + Shell.quote(p)));
        if (spec.graphics().enable()) {
            String gpu = spec.graphics().socket();
            pre.add(ctx.tool(Tool.RM) + " -f " + Shell.quote(gpu) + "\n"
                + ctx.tool(Tool.CROSVM) + " device gpu --socket " + Shell.quote(gpu)
                + " --wayland-sock \"$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY\""
                + " --params '{\"context-types\":\"virgl:virgl2:cross-domain\",\"egl\":true,\"vulkan\":true}' &\n"
                + "while [ ! -S " + Shell.quote(gpu) + " ]; do " + ctx.tool(Tool.SLEEP) + " 0.1; done");
        }
        // crosvm's control socket is SOCK_SEQPACKET (type 5).
        Optional<String> shutdown = spec.socket().map(s -> ControlScripts.prologue(s)
            + ctx.tool(Tool.CROSVM) + " powerbtn \"$socket\"\n"
            + ControlScripts.waitUntilGone(ctx, spec.hostName(), ",type=5"));
        Optional<String> balloon = spec.socket().filter(s -> spec.resources().balloon()).map(s ->
            ControlScripts.balloonArgument()
            + ctx.tool(Tool.CROSVM) + " balloon \"$((size * 1024 * 1024))\" " + Shell.quote(s) + "\n");
        return new RunnerPlan(Hypervisor.CROSVM, a.stream().map(Arg::of).toList(), pre, fds.all(), shutdown, balloon,
            new RunnerPlan.Support(shutdown.isPresent(), false, false), Map.of(), cmdline, Optional.empty(), diagnostics);
    }
}
