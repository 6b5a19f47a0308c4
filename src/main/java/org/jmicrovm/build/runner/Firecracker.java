package org.jmicrovm.build.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * firecracker ({@code lib/runners/firecracker.nix}): a JSON config file in the runner, {@code --config-file}
 * pointing at it. Shares do not exist in firecracker, so the store always comes from the store disk.
 * {@code SendCtrlAltDel} exists only on x86_64: on aarch64 there is no graceful shutdown (microvm.nix
 * generated one that could not work).
 */
public final class Firecracker implements Runner {
    static final String CONFIG = "share/microvm/firecracker.json";
    static final String CPU_CONFIG = "share/microvm/firecracker-cpu.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Hypervisor hypervisor() {
        return Hypervisor.FIRECRACKER;
    }

    @Override
    public Map<Feature, Support> support(Platform platform) {
        var m = SupportTables.nonQemuDefaults("firecracker");
        String noShares = "firecracker has no shared file systems; the store comes from the store disk";
        m.put(Feature.SHARE_9P, Support.no(noShares));
        m.put(Feature.SHARE_9P_READ_ONLY, Support.no(noShares));
        m.put(Feature.SHARE_VIRTIOFS, Support.no(noShares));
        m.put(Feature.INTERFACE_USER, Support.no("firecracker has only tap interfaces"));
        m.put(Feature.INTERFACE_MACVTAP, Support.no("firecracker has only tap interfaces"));
        m.put(Feature.INTERFACE_BRIDGE, Support.no("firecracker has only tap interfaces; bridge the tap on the host"));
        m.put(Feature.BALLOON, Support.no("the firecracker runner has no balloon"));
        m.put(Feature.HOTPLUG_MEMORY, Support.no("firecracker has no memory hotplug"));
        m.put(Feature.PCI_PASSTHROUGH, Support.no("firecracker has no device passthrough"));
        m.put(Feature.USB_PASSTHROUGH, Support.no("firecracker has no device passthrough"));
        m.put(Feature.VOLUME_SERIAL, Support.warn("firecracker drives have no serial number"));
        m.put(Feature.VOLUME_DIRECT, Support.warn("firecracker drives have no O_DIRECT switch"));
        m.put(Feature.GRAPHICS, Support.warn("firecracker has no display"));
        return SupportTables.freeze(m);
    }

    @Override
    public List<Diagnostic> specificChecks(MicroVmSpec spec) {
        var out = new ArrayList<Diagnostic>();
        if (spec.socket().isEmpty()) {
            out.add(Diagnostic.error("microvm.socket", "firecracker must be configured with an API socket",
                "set microvm.socket, e.g. \"" + spec.hostName() + ".sock\""));
        }
        if (!spec.store().storeOnDisk()) {
            out.add(Diagnostic.error("microvm.storeOnDisk", "firecracker cannot share the host store: "
                + "the guest's store must be a disk", "set microvm.storeOnDisk = true"));
        }
        if (spec.platform() == Platform.AARCH64_LINUX) {
            out.add(Diagnostic.note("microvm.socket", "firecracker on aarch64 has no SendCtrlAltDel: "
                + "microvm-shutdown is not generated and the VM is stopped with a signal"));
        }
        return out;
    }

    @Override
    public RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx) {
        List<Diagnostic> diagnostics = Checked.orThrow(this, spec);
        boolean x86 = spec.platform() == Platform.X86_64_LINUX;
        String socket = spec.socket().orElseThrow();
        String cmdline = KernelCommandLine.compose(List.of("console=ttyS0,115200", "reboot=k", "panic=1",
            "i8042.noaux", "i8042.nomux", "i8042.nopnp", "i8042.dumbkbd"), spec, artefacts, List.of());

        var files = new LinkedHashMap<String, String>();
        var cpuConfig = spec.hypervisorOptions().firecracker().cpu();
        cpuConfig.ifPresent(c -> files.put(CPU_CONFIG, json(c)));
        files.put(CONFIG, json(config(spec, artefacts, ctx, cmdline, cpuConfig.isPresent())));

        var a = new ArrayList<String>(List.of(ctx.tool(Tool.FIRECRACKER),
            "--config-file", ctx.runnerPath() + "/" + CONFIG, "--api-sock", socket));
        a.addAll(spec.hypervisorOptions().firecracker().extraArgs());

        var pre = new ArrayList<String>();
        if (!spec.preStart().isBlank()) pre.add(spec.preStart().strip());
        pre.add("# firecracker refuses to start on an existing socket; keep the old one for inspection\n"
            + "if [ -e " + Shell.quote(socket) + " ]; then\n"
            + "  " + ctx.tool(Tool.MV) + " -f " + Shell.quote(socket) + " " + Shell.quote(socket + ".old") + "\n"
            + "fi\n"
            + ctx.tool(Tool.RM) + " -f notify.vsock notify.vsock_*");

        Optional<String> shutdown = x86 ? Optional.of(ControlScripts.prologue(socket)
            + ctx.tool(Tool.CURL) + " -s --unix-socket \"$socket\" -X PUT http://localhost/actions"
            + " -d '{ \"action_type\": \"SendCtrlAltDel\" }'\n"
            + ControlScripts.waitUntilGone(ctx, spec.hostName())) : Optional.empty();
        return new RunnerPlan(Hypervisor.FIRECRACKER, a.stream().map(Arg::of).toList(), pre, List.of(), shutdown,
            Optional.empty(), new RunnerPlan.Support(shutdown.isPresent(), false, false), files, cmdline,
            Optional.empty(), diagnostics);
    }

    private static Map<String, Object> config(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext ctx,
                                              String cmdline, boolean cpuConfig) {
        boolean x86 = spec.platform() == Platform.X86_64_LINUX;
        var engine = spec.hypervisorOptions().firecracker().driveIoEngine().nixName();
        var config = new LinkedHashMap<String, Object>();
        var boot = new LinkedHashMap<String, Object>();
        boot.put("kernel_image_path", x86 ? artefacts.kernelElf().orElseThrow(() -> CloudHypervisor.needsElf(spec))
            : artefacts.kernelImage());
        boot.put("initrd_path", artefacts.initrd());
        boot.put("boot_args", cmdline);
        config.put("boot-source", boot);
        var machine = new LinkedHashMap<String, Object>();
        machine.put("vcpu_count", spec.resources().vcpu());
        machine.put("mem_size_mib", spec.resources().memMiB());
        // Simultaneous multithreading is an x86 notion; firecracker refuses it on aarch64.
        machine.put("smt", x86);
        config.put("machine-config", machine);
        var drives = new ArrayList<Object>();
        drives.add(drive("store", artefacts.storeDisk().orElseThrow(() -> Qemu.missingStoreDisk(spec)), true, engine));
        for (Volume v : spec.volumes()) drives.add(drive(v.image(), v.image(), v.readOnly(), engine));
        config.put("drives", drives);
        var nets = new ArrayList<Object>();
        for (NetInterface n : spec.interfaces()) {
            var net = new LinkedHashMap<String, Object>();
            net.put("iface_id", n.id());
            net.put("host_dev_name", n.id());
            net.put("guest_mac", n.mac());
            nets.add(net);
        }
        config.put("network-interfaces", nets);
        if (spec.vsock().cid().isPresent()) {
            var vsock = new LinkedHashMap<String, Object>();
            vsock.put("guest_cid", spec.vsock().cid().getAsInt());
            vsock.put("uds_path", "notify.vsock");
            config.put("vsock", vsock);
        } else {
            config.put("vsock", null);
        }
        if (cpuConfig) config.put("cpu-config", ctx.runnerPath() + "/" + CPU_CONFIG);
        return recursiveUpdate(config, spec.hypervisorOptions().firecracker().extraConfig());
    }

    private static Map<String, Object> drive(String id, String path, boolean readOnly, String engine) {
        var d = new LinkedHashMap<String, Object>();
        d.put("drive_id", id);
        d.put("path_on_host", path);
        d.put("is_root_device", false);
        d.put("is_read_only", readOnly);
        d.put("io_engine", engine);
        return d;
    }

    /** Nix's {@code lib.recursiveUpdate}: attribute sets merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> recursiveUpdate(Map<String, Object> base, Map<String, Object> update) {
        var out = new LinkedHashMap<String, Object>(base);
        update.forEach((k, v) -> {
            Object old = out.get(k);
            if (old instanceof Map<?, ?> om && v instanceof Map<?, ?> nm) {
                out.put(k, recursiveUpdate((Map<String, Object>) om, (Map<String, Object>) nm));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("firecracker config is not serialisable", e);
        }
    }
}
