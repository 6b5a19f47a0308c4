package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jmicrovm.build.runner.HostTools.Tool;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * cloud-hypervisor ({@code lib/runners/cloud-hypervisor.nix}), in the syntax of cloud-hypervisor ≥ 36 (one
 * switch followed by all its values). Fixes: memory size stays {@code mem} when hotplug is on (microvm.nix set
 * it to {@code hotplugMem}); no empty {@code --platform ''} when there is nothing to say; shutdown waits for
 * the VMM to exit without needing systemd's {@code $MAINPID}.
 */
public final class CloudHypervisor implements Runner {
    static final String NOTIFY_VSOCK = "notify.vsock";

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.CLOUD_HYPERVISOR;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.nonQemuDefaults("cloud-hypervisor");
        m.put(Feature.SHARE_9P, Support.no("cloud-hypervisor supports only virtiofs shares; set proto = \"virtiofs\""));
        m.put(Feature.SHARE_9P_READ_ONLY, Support.no("cloud-hypervisor supports only virtiofs shares"));
        m.put(Feature.INTERFACE_USER, Support.no("cloud-hypervisor has no user-mode networking; use a tap interface"));
        m.put(Feature.INTERFACE_BRIDGE, Support.no("use a tap interface and attach it to the bridge on the host"));
        m.put(Feature.USB_PASSTHROUGH, Support.no("cloud-hypervisor has no USB"));
        m.put(Feature.INITIAL_BALLOON, Support.yes());
        m.put(Feature.HUGEPAGES, Support.yes());
        m.put(Feature.VOLUME_IMAGE_FORMAT, Support.yes());
        m.put(Feature.GRAPHICS, Support.yes());
        return SupportTables.freeze(m);
    }

    @Override
    public List<Diagnostic> specificChecks(MicroVmSpec spec) {
        var out = new ArrayList<Diagnostic>();
        List<String> extra = spec.hypervisorOptions().cloudHypervisor().extraArgs();
        for (String cpus : Options.extract("--cpus", extra).values()) {
            if (Options.param(cpus, "boot").isPresent()) {
                out.add(Diagnostic.error("microvm.cloud-hypervisor.extraArgs", "--cpus boot=… in extraArgs conflicts "
                    + "with microvm.vcpu", "set microvm.vcpu instead"));
            }
        }
        for (String platform : Options.extract("--platform", extra).values()) {
            if (Options.param(platform, "oem_strings").isPresent()) {
                out.add(Diagnostic.error("microvm.cloud-hypervisor.extraArgs", "--platform oem_strings=… in extraArgs",
                    "use microvm.cloud-hypervisor.platformOEMStrings"));
            }
        }
        boolean userCid = Options.extract("--vsock", extra).values().stream()
            .anyMatch(v -> Options.param(v, "cid").isPresent());
        if (userCid && spec.vsock().cid().isPresent()) {
            out.add(Diagnostic.error("microvm.vsock.cid", "both microvm.vsock.cid and --vsock cid=… in "
                + "microvm.cloud-hypervisor.extraArgs are set", "keep one"));
        }
        if (!userCid && spec.vsock().cid().isEmpty()) {
            out.add(Diagnostic.note("microvm.vsock.cid", "without a vsock CID cloud-hypervisor cannot pass the guest's "
                + "systemd readiness notification to the host"));
        }
        return out;
    }

    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        List<Diagnostic> diagnostics = Checked.orThrow(this, spec);
        List<String> extra = spec.hypervisorOptions().cloudHypervisor().extraArgs();
        var userVsock = Options.extract("--vsock", extra);
        var userPlatform = Options.extract("--platform", userVsock.rest());
        var userCpus = Options.extract("--cpus", userPlatform.rest());
        List<String> rest = userCpus.rest();
        boolean userConsole = !Options.extract("--console", extra).values().isEmpty();
        List<String> userSerial = Options.extract("--serial", extra).values();

        Optional<String> userVsockValue = userVsock.values().stream().findFirst();
        Optional<String> cid = spec.vsock().cid().isPresent()
            ? Optional.of(Integer.toString(spec.vsock().cid().getAsInt()))
            : userVsockValue.flatMap(v -> Options.param(v, "cid"));
        String vsockPath = userVsockValue.flatMap(v -> Options.param(v, "socket")).orElse(NOTIFY_VSOCK);
        boolean notify = cid.isPresent();
        boolean x86 = spec.platform() == Platform.X86_64_LINUX;
        int vcpu = spec.resources().vcpu();
        boolean mq = vcpu > 1;
        boolean virtiofs = spec.shares().stream().anyMatch(s -> s.proto() == Share.Proto.VIRTIOFS);
        boolean shared = virtiofs || spec.graphics().enable();

        var a = new ArrayList<String>();
        a.add(ctx.tool(Tool.CLOUD_HYPERVISOR));
        var cpus = new ArrayList<String>(List.of("boot=" + vcpu));
        cpus.addAll(userCpus.values());
        a.addAll(List.of("--cpus", String.join(",", cpus)));
        a.add("--watchdog");
        String kernel = x86 ? artefacts.kernelElf().orElseThrow(() -> needsElf(spec)) : artefacts.kernelImage();
        a.addAll(List.of("--kernel", kernel, "--initramfs", artefacts.initrd()));
        var console = new ArrayList<String>();
        if (userSerial.isEmpty() || userSerial.get(0).equals("tty")) {
            console.addAll(x86 ? List.of("earlyprintk=ttyS0", "console=ttyS0") : List.of("console=ttyAMA0"));
        }
        console.addAll(List.of("reboot=t", "panic=-1"));
        String cmdline = KernelCommandLine.compose(console, spec, artefacts, List.of());
        a.addAll(List.of("--cmdline", cmdline, "--seccomp", "true"));
        var memory = new TreeMap<String, String>();
        memory.put("size", spec.resources().memMiB() + "M");
        memory.put("shared", shared ? "on" : "off");
        // cloud-hypervisor refuses mergeable (KSM) together with shared memory.
        if (!shared) memory.put("mergeable", "on");
        if (spec.resources().hotplugMemMiB() > 0) {
            memory.put("hotplug_method", "virtio-mem");
            memory.put("hotplug_size", spec.resources().hotplugMemMiB() + "M");
            memory.put("hotplugged_size", spec.resources().hotpluggedMemMiB() + "M");
        }
        if (spec.resources().hugepageMem()) memory.put("hugepages", "on");
        a.addAll(List.of("--memory", Options.kv(memory)));
        var oem = new ArrayList<String>(spec.hypervisorOptions().cloudHypervisor().platformOemStrings());
        if (notify) oem.add("io.systemd.credential:vmm.notify_socket=vsock-stream:2:8888");
        var platform = new ArrayList<String>();
        if (!oem.isEmpty()) platform.add("oem_strings=[" + String.join(",", oem) + "]");
        platform.addAll(userPlatform.values());
        if (!platform.isEmpty()) a.addAll(List.of("--platform", String.join(",", platform)));
        if (!userConsole) a.addAll(List.of("--console", "null"));
        if (userSerial.isEmpty()) a.addAll(List.of("--serial", "tty"));
        cid.ifPresent(c -> a.addAll(List.of("--vsock", "cid=" + c + ",socket=" + vsockPath)));
        if (spec.graphics().enable()) a.addAll(List.of("--gpu", "socket=" + spec.graphics().socket()));
        if (spec.resources().balloon()) {
            var b = new TreeMap<String, String>();
            b.put("size", spec.resources().initialBalloonMiB() + "M");
            b.put("free_page_reporting", "on");
            if (spec.resources().deflateOnOom()) b.put("deflate_on_oom", "on");
            a.addAll(List.of("--balloon", Options.kv(b)));
        }
        var disks = new ArrayList<String>();
        if (spec.store().storeOnDisk()) {
            var d = new TreeMap<String, String>();
            d.put("path", artefacts.storeDisk().orElseThrow(() -> Qemu.missingStoreDisk(spec)));
            d.put("readonly", "on");
            if (mq) d.put("num_queues", Integer.toString(vcpu));
            disks.add(Options.kv(d));
        }
        for (Volume v : spec.volumes()) {
            var d = new TreeMap<String, String>();
            d.put("path", v.image());
            d.put("direct", v.direct() ? "on" : "off");
            d.put("readonly", v.readOnly() ? "on" : "off");
            d.put("image_type", v.imageType().nixName());
            v.serial().ifPresent(s -> d.put("serial", s));
            if (mq) d.put("num_queues", Integer.toString(vcpu));
            disks.add(Options.kv(d));
        }
        many(a, "--disk", disks);
        many(a, "--fs", spec.shares().stream().map(s -> "socket=" + s.socket().orElseThrow() + ",tag=" + s.tag()).toList());
        spec.socket().ifPresent(s -> a.addAll(List.of("--api-socket", s)));
        var fds = MacvtapFds.allocate(spec, mq);
        var nets = new ArrayList<String>();
        for (NetInterface n : spec.interfaces()) {
            var o = new TreeMap<String, String>();
            o.put("mac", n.mac());
            if (n.type() == NetInterface.Type.TAP) o.put("tap", n.id());
            else o.put("fd", "[" + String.join(",", fds.of(n.id()).stream().map(String::valueOf).toList()) + "]");
            if (mq) o.put("num_queues", Integer.toString(2 * vcpu));
            nets.add(Options.kv(o));
        }
        many(a, "--net", nets);
        many(a, "--device", spec.devices().stream().filter(d -> d.bus() == Device.Bus.PCI)
            .map(d -> "path=/sys/bus/pci/devices/" + d.path()).toList());
        a.addAll(rest);

        var pre = new ArrayList<String>();
        if (!spec.preStart().isBlank()) pre.add(spec.preStart().strip());
        spec.socket().ifPresent(s -> pre.add("# cloud-hypervisor sometimes stumbles over a socket left behind\n"
            + ctx.tool(Tool.RM) + " -f " + Shell.quote(s)));
        if (notify) {
            pre.add(ctx.tool(Tool.RM) + " -f " + Shell.quote(vsockPath) + " " + Shell.quote(vsockPath + "_8888") + "\n"
                + "# relay the guest's sd_notify messages (vsock port 8888) to the supervisor's socket\n"
                + "if [ -n \"${NOTIFY_SOCKET:-}\" ]; then\n"
                + "  " + ctx.tool(Tool.SOCAT) + " -t0 -T0.2 UNIX-LISTEN:" + vsockPath + "_8888,fork "
                + "UNIX-SENDTO:\"$NOTIFY_SOCKET\" &\n"
                + "fi");
        }
        if (spec.graphics().enable()) {
            String gpu = spec.graphics().socket();
            pre.add(ctx.tool(Tool.RM) + " -f " + Shell.quote(gpu) + "\n"
                + ctx.tool(Tool.CROSVM) + " device gpu --socket " + Shell.quote(gpu)
                + " --wayland-sock \"$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY\""
                + " --params '{\"context-types\":\"virgl:virgl2:cross-domain\",\"displays\":[{\"hidden\":true}],"
                + "\"egl\":true,\"vulkan\":true}' &\n"
                + "while [ ! -S " + Shell.quote(gpu) + " ]; do " + ctx.tool(Tool.SLEEP) + " 0.1; done");
        }

        Optional<String> shutdown = spec.socket().map(s -> ControlScripts.prologue(s)
            + ctx.tool(Tool.CURL) + " -s --unix-socket \"$socket\" -X PUT http://localhost/api/v1/vm.power-button\n"
            + ControlScripts.waitUntilGone(ctx, spec.hostName()));
        Optional<String> balloon = spec.socket().filter(s -> spec.resources().balloon()).map(s ->
            ControlScripts.balloonArgument()
            + ctx.tool(Tool.CH_REMOTE) + " --api-socket " + Shell.quote(s) + " resize --balloon \"${size}M\"\n");
        return new RunnerPlan(Hypervisor.CLOUD_HYPERVISOR, a.stream().map(Arg::of).toList(), pre, fds.all(), shutdown,
            balloon, new RunnerPlan.Support(shutdown.isPresent(), notify, mq), Map.of(), cmdline, Optional.empty(),
            diagnostics);
    }

    /** cloud-hypervisor ≥ 36: {@code --disk a b}; nothing at all when there are no values. */
    private static void many(List<String> args, String flag, List<String> values) {
        if (values.isEmpty()) return;
        args.add(flag);
        args.addAll(values);
    }

    static IllegalStateException needsElf(MicroVmSpec spec) {
        return new IllegalStateException("MicroVM " + spec.hostName() + ": " + spec.hypervisor()
            + " boots an uncompressed vmlinux on x86_64, but the build supplied none (BuiltArtefacts.kernelElf)");
    }
}
