package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jmicrovm.build.runner.HostTools.Tool;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.Graphics;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.QemuOptions;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * qemu ({@code lib/runners/qemu.nix}), with the machine facts of jmicrovm's hosts applied:
 * <ul>
 *   <li>{@code -M microvm} uses virtio-mmio devices ({@code virtio-*-device}, {@code -global
 *       virtio-mmio.force-legacy=false} so vhost-user devices work); a spec that needs a PCI bus (PCI or USB
 *       passthrough, graphics, virtio-mem) gets {@code q35} instead, with a note;</li>
 *   <li>virtiofs needs guest memory virtiofsd can map: a shared memfd backend, tied in with
 *       {@code memory-backend=} on microvm and a NUMA node elsewhere;</li>
 *   <li>the accelerator is explicit ({@code -accel kvm} or {@code -accel tcg}), chosen by
 *       {@link AcceleratorProbe}; TCG on x86 adds {@code tsc_early_khz=} to the kernel command line;</li>
 *   <li>graceful shutdown is QMP {@code system_powerdown} (the ACPI power button), which also works on
 *       headless aarch64 guests where microvm.nix's ctrl-alt-del had no keyboard to go to.</li>
 * </ul>
 */
public final class Qemu implements Runner {

    /**
     * The interactive console's socket, relative to the VM's directory ({@code microvm-run}'s working
     * directory, as for the QMP socket).
     */
    public static final String CONSOLE_SOCKET = "console.sock";
    /** Names the console socket inside the runner, for {@code microvm console}. */
    public static final String CONSOLE_SOCKET_FILE = "share/microvm/console-socket";

    /** Whether the VM gets the interactive virtio console ({@code microvm.qemu.consoleSocket}). */
    public static boolean hasConsoleSocket(MicroVmSpec spec) {
        return spec.hypervisor() == Hypervisor.QEMU && spec.hypervisorOptions().qemu().consoleSocket();
    }

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.QEMU;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.allSupported();
        m.put(Feature.INITIAL_BALLOON, Support.no("only cloud-hypervisor has an initial balloon size; "
            + "resize the balloon with bin/microvm-balloon once the guest runs"));
        m.put(Feature.HUGEPAGES, Support.warn("only cloud-hypervisor backs guest memory with hugepages"));
        return SupportTables.freeze(m);
    }

    @Override
    public List<Diagnostic> specificChecks(MicroVmSpec spec) {
        var out = new ArrayList<Diagnostic>();
        if (spec.resources().memMiB() == 2048) {
            out.add(Diagnostic.warning("microvm.mem", "qemu has been seen to hang with exactly 2048 MiB "
                + "(microvm.nix issue #171)", "use 2047 or 2049"));
        }
        String machine = spec.hypervisorOptions().qemu().machine();
        if (spec.platform() == Platform.AARCH64_LINUX && machine.startsWith("microvm")) {
            out.add(Diagnostic.error("microvm.qemu.machine", "machine type microvm exists only for x86_64 guests",
                "use \"virt\""));
        }
        if (spec.platform() == Platform.X86_64_LINUX && machine.startsWith("microvm") && pciReason(spec).isPresent()) {
            out.add(Diagnostic.note("microvm.qemu.machine", "using q35 instead of microvm: "
                + pciReason(spec).get() + " needs a PCI bus"));
        }
        spec.hypervisorOptions().qemu().machineOpts().ifPresent(o -> o.forEach((k, v) -> {
            if (k.contains(",") || k.contains("=") || v.contains(",")) {
                out.add(Diagnostic.error("microvm.qemu.machineOpts." + k, "machine options may not contain ',' or '='",
                    null));
            }
        }));
        if (spec.user().filter(u -> u.equals("root")).isPresent()) {
            out.add(Diagnostic.error("microvm.user", "qemu drops privileges to microvm.user and refuses to \"drop\" to root",
                "leave microvm.user unset to run as the invoking user"));
        }
        int fds = 3 + macvtapFdCount(spec);
        if (fds > 10) {
            out.add(Diagnostic.error("microvm.interfaces", "macvtap interfaces need file descriptors up to " + (fds - 1)
                + "; microvm-run is a POSIX shell script and can open only descriptors 3 to 9",
                "use fewer macvtap interfaces or fewer vCPUs (one descriptor per queue)"));
        }
        return out;
    }

    /** What in the spec needs a PCI bus, if anything. */
    static Optional<String> pciReason(MicroVmSpec spec) {
        if (spec.devices().stream().anyMatch(d -> d.bus() == Device.Bus.PCI)) return Optional.of("PCI passthrough");
        if (spec.devices().stream().anyMatch(d -> d.bus() == Device.Bus.USB)) return Optional.of("USB passthrough (xhci)");
        if (spec.graphics().enable()) return Optional.of("graphics");
        if (spec.resources().hotplugMemMiB() > 0) return Optional.of("memory hotplug (virtio-mem-pci)");
        return Optional.empty();
    }

    static boolean multiQueue(MicroVmSpec spec) {
        return spec.resources().vcpu() > 1;
    }

    private static int macvtapFdCount(MicroVmSpec spec) {
        int queues = multiQueue(spec) ? spec.resources().vcpu() : 1;
        return (int) spec.interfaces().stream().filter(n -> n.type() == NetInterface.Type.MACVTAP).count() * queues;
    }

    /** Whether all the guest's virtio devices are virtio-mmio ones (the microvm machine: no PCI bus). */
    public static boolean usesVirtioMmio(MicroVmSpec spec) {
        return machine(spec).startsWith("microvm");
    }

    /** The machine type the command line uses. */
    static String machine(MicroVmSpec spec) {
        String machine = spec.hypervisorOptions().qemu().machine();
        if (spec.platform() == Platform.X86_64_LINUX && machine.startsWith("microvm") && pciReason(spec).isPresent()) {
            return "q35";
        }
        return machine;
    }

    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        List<Diagnostic> diagnostics = Checked.orThrow(this, spec);
        QemuOptions q = spec.hypervisorOptions().qemu();
        boolean x86 = spec.platform() == Platform.X86_64_LINUX;
        String machine = machine(spec);
        boolean mmio = machine.startsWith("microvm");
        String bus = mmio ? "device" : "pci";
        boolean virtiofs = spec.shares().stream().anyMatch(s -> s.proto() == Share.Proto.VIRTIOFS);
        Accelerator accel = ctx.accelerator();
        int mem = spec.resources().memMiB();
        int vcpu = spec.resources().vcpu();
        boolean mq = multiQueue(spec);

        var a = new ArrayList<String>();
        a.add(ctx.tool(x86 ? Tool.QEMU_X86_64 : Tool.QEMU_AARCH64));
        a.addAll(List.of("-name", spec.hostName()));
        a.addAll(List.of("-M", machineArgument(spec, machine, virtiofs)));
        int hotplug = spec.resources().hotplugMemMiB();
        a.addAll(List.of("-m", mem + "M" + (hotplug > 0 ? ",maxmem=" + (mem + hotplug) + "M" : "")));
        a.addAll(List.of("-smp", Integer.toString(vcpu)));
        a.addAll(List.of("-nodefaults", "-no-user-config", "-no-reboot"));
        // PVH boot of the uncompressed ELF skips the decompressor (seconds under TCG); aarch64 boots Image.
        String kernel = x86 ? artefacts.kernelElf().orElse(artefacts.kernelImage()) : artefacts.kernelImage();
        a.addAll(List.of("-kernel", kernel, "-initrd", artefacts.initrd()));
        if (q.serialConsole()) a.addAll(List.of("-chardev", "stdio,id=stdio,signal=off"));
        a.addAll(List.of("-device", "virtio-rng-" + bus));
        boolean console = hasConsoleSocket(spec);
        if (console) {
            // A second console beside the serial one: the serial port keeps writing the console log
            // (stdio), this one is where `microvm console` types. qemu listens without waiting, accepts
            // one client at a time and drops what the guest writes while nobody is attached.
            a.addAll(List.of("-chardev", "socket,id=console,path=" + CONSOLE_SOCKET + ",server=on,wait=off",
                "-device", "virtio-serial-" + bus, "-device", "virtconsole,chardev=console"));
        }
        if (x86) spec.machineId().ifPresent(id -> a.addAll(List.of("-smbios", "type=1,uuid=" + id)));
        for (QemuOptions.PcieRootPort p : q.pcieRootPorts()) {
            a.addAll(List.of("-device", "pcie-root-port,id=" + p.id() + ",bus=" + p.bus() + ",chassis=" + p.chassis()
                + ",slot=" + p.slot() + ",addr=" + p.addr()));
        }
        if (q.serialConsole()) a.addAll(List.of("-serial", "chardev:stdio"));
        if (accel.isKvm()) {
            a.addAll(List.of("-accel", "kvm", "-cpu", x86 ? "host,+x2apic,-sgx" : "host"));
        } else {
            a.addAll(List.of("-accel", "tcg", "-cpu", spec.resources().cpu().orElse("max")));
        }
        var consoleParams = new ArrayList<String>();
        if (q.serialConsole()) consoleParams.addAll(x86 ? List.of("earlyprintk=ttyS0", "console=ttyS0") : List.of("console=ttyAMA0"));
        consoleParams.addAll(List.of("reboot=t", "panic=-1"));
        String cmdline = KernelCommandLine.compose(consoleParams, spec, artefacts, List.of());
        // Under TCG on x86 the kernel gets the host's TSC rate (DESIGN.md: -M microvm hangs in some boots
        // without it). Read when microvm-run starts, not when the runner is built: on a host whose CPU
        // frequency scales, "cpu MHz" changes from one read to the next, and a rate baked into the runner
        // would change its hash and restart VMs on every switch.
        boolean tscAtStart = !accel.isKvm() && x86 && accel.tscKhz().isPresent();
        int appendAt = a.size() + 1;
        a.addAll(List.of("-append", cmdline));
        if (!spec.graphics().enable()) a.add("-nographic");
        // qemu-bridge-helper needs privileges the seccomp sandbox would deny.
        if (spec.interfaces().stream().noneMatch(n -> n.type() == NetInterface.Type.BRIDGE)) a.addAll(List.of("-sandbox", "on"));
        spec.socket().ifPresent(s -> a.addAll(List.of("-qmp", "unix:" + s + ",server=on,wait=off")));
        if (mmio) a.addAll(List.of("-global", "virtio-mmio.force-legacy=false"));
        spec.user().ifPresent(u -> {
            // -run-with arrived in qemu 8.1; older ones only know -runas.
            if (ctx.tools().qemuAtLeast(8, 1)) a.addAll(List.of("-run-with", "user=" + u));
            else a.addAll(List.of("-runas", u));
        });
        spec.credentialFiles().forEach((name, file) ->
            a.addAll(List.of("-fw_cfg", "name=opt/io.systemd.credentials/" + name + ",file=" + file)));
        if (spec.resources().balloon()) {
            a.addAll(List.of("-device", "virtio-balloon-" + bus + ",free-page-reporting=on,id=balloon0"
                + (spec.resources().deflateOnOom() ? ",deflate-on-oom=on" : "")));
        }
        if (spec.store().storeOnDisk()) {
            String disk = artefacts.storeDisk().orElseThrow(() -> missingStoreDisk(spec));
            a.addAll(List.of("-drive", "id=store,format=raw,read-only=on,file=" + disk + ",if=none,aio=io_uring",
                "-device", "virtio-blk-" + bus + ",drive=store" + (mmio ? "" : ",disable-legacy=on")));
        }
        for (Drives.Drive d : Drives.volumes(spec)) {
            Volume v = d.volume();
            a.addAll(List.of("-drive", "id=" + d.id() + ",format=" + qemuFormat(v.imageType()) + ",file=" + v.image()
                + ",if=none,aio=io_uring,discard=unmap" + (v.direct() ? ",cache=none" : "")
                + ",read-only=" + (v.readOnly() ? "on" : "off"),
                "-device", "virtio-blk-" + bus + ",drive=" + d.id() + v.serial().map(s -> ",serial=" + s).orElse("")));
        }
        if (virtiofs) {
            a.addAll(List.of("-object", "memory-backend-memfd,id=mem,size=" + mem + "M,share=on"));
            if (!mmio) a.addAll(List.of("-numa", "node,memdev=mem"));
        }
        if (hotplug > 0) {
            a.addAll(List.of("-object", "memory-backend-ram,id=vmem0,size=" + hotplug + "M",
                "-device", "virtio-mem-pci,id=vm0,memdev=vmem0,requested-size=" + spec.resources().hotpluggedMemMiB() + "M"));
        }
        for (int i = 0; i < spec.shares().size(); i++) {
            Share s = spec.shares().get(i);
            String id = "fs" + i;
            switch (s.proto()) {
                case VIRTIOFS -> a.addAll(List.of("-chardev", "socket,id=" + id + ",path=" + s.socket().orElseThrow(),
                    "-device", "vhost-user-fs-" + bus + ",chardev=" + id + ",tag=" + s.tag()));
                case NINE_P -> a.addAll(List.of("-fsdev", "local,id=" + id + ",path=" + Sources.of(s, artefacts)
                        + ",security_model=" + s.securityModel().nixName() + (s.readOnly() ? ",readonly=on" : ""),
                    "-device", "virtio-9p-" + bus + ",fsdev=" + id + ",mount_tag=" + s.tag()));
            }
        }
        var fds = MacvtapFds.allocate(spec, mq);
        for (NetInterface n : spec.interfaces()) {
            a.addAll(List.of("-netdev", netdev(n, spec, ctx, fds, mq)));
            boolean queued = mq && (n.type() == NetInterface.Type.TAP || n.type() == NetInterface.Type.MACVTAP);
            a.addAll(List.of("-device", "virtio-net-" + bus + ",netdev=" + n.id() + ",mac=" + n.mac()
                + (mmio ? "" : ",romfile=") + (queued ? ",mq=on" + (mmio ? "" : ",vectors=" + (2 * vcpu + 2)) : "")));
        }
        boolean usb = spec.devices().stream().anyMatch(d -> d.bus() == Device.Bus.USB);
        if (usb || spec.graphics().enable()) a.addAll(List.of("-device", "qemu-xhci"));
        for (Device d : spec.devices()) {
            switch (d.bus()) {
                case PCI -> a.addAll(List.of("-device", "vfio-pci,host=" + d.path() + ",multifunction=on"
                    + d.qemuId().map(v -> ",id=" + v).orElse("") + d.qemuBus().map(v -> ",bus=" + v).orElse("")
                    + d.qemuDeviceExtraArgs().map(v -> "," + v).orElse("")));
                case USB -> a.addAll(List.of("-device", "usb-host," + d.path()
                    + d.qemuId().map(v -> ",id=" + v).orElse("") + d.qemuBus().map(v -> ",bus=" + v).orElse("")
                    + d.qemuDeviceExtraArgs().map(v -> "," + v).orElse("")));
            }
        }
        spec.vsock().cid().ifPresent(cid -> a.addAll(List.of("-device", "vhost-vsock-" + bus + ",guest-cid=" + cid)));
        if (spec.graphics().enable()) {
            if (spec.graphics().backend() == Graphics.Backend.GTK) {
                a.addAll(List.of("-display", "gtk,gl=on", "-device", "virtio-vga-gl"));
            } else {
                a.addAll(List.of("-display", "egl-headless", "-device", "virtio-gpu-gl-pci"));
            }
            a.addAll(List.of("-device", "usb-tablet", "-device", "usb-kbd"));
        }
        a.addAll(q.extraArgs());

        Optional<String> shutdown = spec.socket().map(s -> ControlScripts.prologue(s)
            + "# The ACPI power button; the guest powers off and qemu exits, closing the socket.\n"
            + "printf '%s\\n' '{\"execute\":\"qmp_capabilities\"}' '{\"execute\":\"system_powerdown\"}' \\\n"
            + "  | " + ctx.tool(Tool.SOCAT) + " -t \"$timeout\" STDIO UNIX-CONNECT:\"$socket\",shut-none >/dev/null || :\n"
            + ControlScripts.waitUntilGone(ctx, spec.hostName()));
        Optional<String> balloon = spec.socket().filter(s -> spec.resources().balloon()).map(s ->
            "socket=" + Shell.quote(s) + "\n"
            + ControlScripts.balloonArgument()
            + "bytes=$((size * 1024 * 1024))\n"
            + "reply=$(printf '%s\\n' '{\"execute\":\"qmp_capabilities\"}' \\\n"
            + "    \"{\\\"execute\\\":\\\"balloon\\\",\\\"arguments\\\":{\\\"value\\\":$bytes}}\" \\\n"
            + "    '{\"execute\":\"query-balloon\"}' \\\n"
            + "  | " + ctx.tool(Tool.SOCAT) + " -t 2 STDIO UNIX-CONNECT:\"$socket\")\n"
            + "actual=$(printf '%s\\n' \"$reply\" | " + ctx.tool(Tool.SED)
            + " -n 's/.*\"actual\": *\\([0-9][0-9]*\\).*/\\1/p' | " + ctx.tool(Tool.SED) + " -n '$p')\n"
            + "if [ -z \"$actual\" ]; then\n"
            + "  echo \"microvm-balloon: no answer from qemu: $reply\" >&2\n"
            + "  exit 1\n"
            + "fi\n"
            + "echo $((actual / 1024 / 1024))\n");

        Map<String, String> files = console ? Map.of(CONSOLE_SOCKET_FILE, CONSOLE_SOCKET + "\n") : Map.of();
        List<Arg> command = new ArrayList<>(a.stream().map(Arg::of).toList());
        if (tscAtStart) command.set(appendAt, new Arg.Runtime(Shell.inDoubleQuotes(cmdline) + tscKhzAtStart(ctx)));
        return new RunnerPlan(Hypervisor.QEMU, List.copyOf(command), preStart(spec), fds.all(),
            shutdown, balloon, new RunnerPlan.Support(shutdown.isPresent(), false, mq), files, cmdline,
            Optional.of(accel), withAccelNote(diagnostics, accel));
    }

    /**
     * {@code tsc_early_khz=<kHz>} from the first {@code cpu MHz} line of {@code /proc/cpuinfo} (the kernel prints
     * it with three decimals), or nothing when the host does not tell.
     */
    static String tscKhzAtStart(RunnerContext ctx) {
        return "$(khz=$(" + ctx.tool(Tool.SED) + " -n '/^cpu MHz/{s/^[^:]*: *\\([0-9][0-9]*\\)\\.\\([0-9][0-9][0-9]\\).*/\\1\\2/p;q;}'"
            + " /proc/cpuinfo); [ -n \"$khz\" ] && echo \" tsc_early_khz=$khz\")";
    }

    private static List<Diagnostic> withAccelNote(List<Diagnostic> diagnostics, Accelerator accel) {
        var out = new ArrayList<>(diagnostics);
        out.add(Diagnostic.note("accelerator", (accel.isKvm() ? "KVM" : "TCG") + ": " + accel.reason()));
        return out;
    }

    /**
     * microvm.nix leaves the socket of a previous qemu in place; qemu replaces it itself. qemu has no
     * option for a socket's mode: the umask makes the console (a root shell) and QMP sockets the owner's only.
     */
    private static List<String> preStart(MicroVmSpec spec) {
        var lines = new ArrayList<String>();
        if (hasConsoleSocket(spec)) lines.add("umask 077 # " + CONSOLE_SOCKET + " and the QMP socket: owner only");
        if (!spec.preStart().isBlank()) lines.add(spec.preStart().strip());
        return lines;
    }

    private static String machineArgument(MicroVmSpec spec, String machine, boolean virtiofs) {
        Map<String, String> opts = spec.hypervisorOptions().qemu().machineOpts()
            .<Map<String, String>>map(LinkedHashMap::new)
            .orElseGet(() -> defaultMachineOpts(spec, machine));
        if (virtiofs && machine.startsWith("microvm")) opts.put("memory-backend", "mem");
        if (opts.isEmpty()) return machine;
        return machine + "," + opts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    }

    /** Sorted by name, the order Nix's {@code attrNames} gives microvm.nix. */
    private static Map<String, String> defaultMachineOpts(MicroVmSpec spec, String machine) {
        var m = new TreeMap<String, String>();
        if (machine.startsWith("microvm")) {
            m.put("acpi", "on"); // Debian kernels find virtio-mmio devices through ACPI only
            m.put("mem-merge", "on");
            m.put("pcie", "off");
            m.put("pic", "off");
            m.put("pit", "off");
            m.put("rtc", "on");
            m.put("usb", "off");
            m.put("x-option-roms", "off");
        } else if (machine.equals("virt")) {
            m.put("gic-version", "max");
            m.put("mem-merge", "on");
        } else {
            m.put("mem-merge", "on");
        }
        return m;
    }

    private static String qemuFormat(Volume.ImageType type) {
        return switch (type) {
            case RAW -> "raw";
            case QCOW2 -> "qcow2";
            case VHD -> "vpc";
            case VHDX -> "vhdx";
        };
    }

    private static String netdev(NetInterface n, MicroVmSpec spec, RunnerContext ctx, MacvtapFds fds, boolean mq) {
        String vhost = n.tapVhost() ? ",vhost=on" : "";
        return switch (n.type()) {
            case TAP -> "tap,id=" + n.id() + ",ifname=" + n.id() + ",script=no,downscript=no" + vhost
                + (mq ? ",queues=" + spec.resources().vcpu() : "");
            case MACVTAP -> {
                List<Integer> list = fds.of(n.id());
                yield "tap,id=" + n.id() + (list.size() == 1 ? ",fd=" + list.get(0)
                    : ",fds=" + list.stream().map(String::valueOf).collect(Collectors.joining(":"))) + vhost;
            }
            case BRIDGE -> "bridge,id=" + n.id() + ",br=" + n.bridge().orElseThrow() + ",helper="
                + ctx.tool(Tool.QEMU_BRIDGE_HELPER);
            case USER -> "user,id=" + n.id() + spec.forwardPorts().stream()
                .map(f -> "," + forward(f, ctx)).collect(Collectors.joining());
        };
    }

    /** microvm.nix appended a stray ',' after each entry; qemu tolerates it, jmicrovm does not write it. */
    private static String forward(ForwardPort f, RunnerContext ctx) {
        return switch (f.from()) {
            case HOST -> "hostfwd=" + f.proto().nixName() + ":" + f.hostAddress() + ":" + f.hostPort() + "-"
                + f.guestAddress() + ":" + f.guestPort();
            case GUEST -> "guestfwd=" + f.proto().nixName() + ":" + f.guestAddress() + ":" + f.guestPort()
                + "-cmd:" + ctx.tool(Tool.SOCAT) + " - TCP:" + f.hostAddress() + ":" + f.hostPort();
        };
    }

    static IllegalStateException missingStoreDisk(MicroVmSpec spec) {
        return new IllegalStateException("MicroVM " + spec.hostName()
            + ": storeOnDisk is set but the build supplied no store disk (BuiltArtefacts.storeDisk)");
    }
}
