package org.jmicrovm.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MicroVM as its guest configuration resolved it: every {@code microvm.*} option of the guest module
 * (reference §2) as a plain value, plus the guest OS options in {@link GuestOs}. Defaults and computed
 * defaults (the socket name, the machine id, {@code storeOnDisk}) are the module system's business; this
 * record only holds what came out, checked for type-level validity. Cross-field rules (unique tags, what a
 * hypervisor supports) are not constructor checks: they are collected as diagnostics by the runners.
 *
 * @param name                 the VM's name: attribute of {@code microvm.vms}, state directory name
 * @param hostName             {@code networking.hostName}: process name, socket names, qemu {@code -name}
 * @param platform             the guest's system
 * @param hypervisor           {@code microvm.hypervisor}
 * @param resources            CPUs and memory
 * @param boot                 kernel, initrd override, kernel parameters
 * @param store                how the guest gets its store
 * @param socket               {@code microvm.socket}: the hypervisor control socket
 * @param user                 {@code microvm.user} (qemu {@code -run-with user=})
 * @param preStart             {@code microvm.preStart}, shell run by {@code microvm-run}
 * @param extraArgsScript      {@code microvm.extraArgsScript}
 * @param shares               {@code microvm.shares}, in order
 * @param volumes              {@code microvm.volumes}, in order (the order fixes {@code /dev/vdX})
 * @param interfaces           {@code microvm.interfaces}, in order
 * @param forwardPorts         {@code microvm.forwardPorts}
 * @param devices              {@code microvm.devices}
 * @param vsock                {@code microvm.vsock}
 * @param graphics             {@code microvm.graphics}
 * @param credentialFiles      {@code microvm.credentialFiles}: credential name → host file
 * @param machineId            {@code microvm.machineId}, a UUID
 * @param registerWithMachined {@code microvm.registerWithMachined}
 * @param prettyProcnames      {@code microvm.prettyProcnames}
 * @param binScripts           {@code microvm.binScripts}: extra {@code bin/<name>} scripts of the runner
 * @param optimize             {@code microvm.optimize.enable}
 * @param virtiofsd            {@code microvm.virtiofsd}
 * @param hypervisorOptions    {@code microvm.qemu}, {@code microvm.cloud-hypervisor}, … groups
 * @param guestOs              the guest operating system options
 */
public record MicroVmSpec(String name, String hostName, Platform platform, Hypervisor hypervisor,
                          Resources resources, Boot boot, GuestStore store, Optional<String> socket,
                          Optional<String> user, String preStart, Optional<String> extraArgsScript,
                          List<Share> shares, List<Volume> volumes, List<NetInterface> interfaces,
                          List<ForwardPort> forwardPorts, List<Device> devices, Vsock vsock, Graphics graphics,
                          Map<String, String> credentialFiles, Optional<String> machineId,
                          boolean registerWithMachined, boolean prettyProcnames, Map<String, String> binScripts,
                          boolean optimize, VirtiofsdOptions virtiofsd, HypervisorOptions hypervisorOptions,
                          GuestOs guestOs) {

    public MicroVmSpec {
        Require.text(name, "microvm.vms.<name>");
        if (name.contains("/") || name.startsWith(".")) {
            throw new InvalidSpecException("microvm.vms." + name,
                "a VM name becomes a directory name: it must not contain '/' nor start with '.'");
        }
        Require.text(hostName, "networking.hostName");
        Require.present(platform, "nixpkgs.hostPlatform");
        Require.present(hypervisor, "microvm.hypervisor");
        Require.present(resources, "microvm.mem");
        Require.present(boot, "microvm.kernel");
        Require.present(store, "microvm.storeOnDisk");
        Require.optionalText(socket, "microvm.socket");
        Require.optionalText(user, "microvm.user");
        Require.present(preStart, "microvm.preStart");
        Require.optionalText(extraArgsScript, "microvm.extraArgsScript");
        shares = Require.list(shares, "microvm.shares");
        volumes = Require.list(volumes, "microvm.volumes");
        interfaces = Require.list(interfaces, "microvm.interfaces");
        forwardPorts = Require.list(forwardPorts, "microvm.forwardPorts");
        devices = Require.list(devices, "microvm.devices");
        Require.present(vsock, "microvm.vsock");
        Require.present(graphics, "microvm.graphics");
        credentialFiles = Require.map(credentialFiles, "microvm.credentialFiles");
        for (String credential : credentialFiles.keySet()) {
            // the name becomes a fw_cfg entry and a file name in the guest
            if (!credential.matches("[A-Za-z0-9_.@:+-]+") || credential.equals(".") || credential.equals("..")) {
                throw new InvalidSpecException("microvm.credentialFiles." + credential,
                        "a credential name may only contain letters, digits and _ . @ : + -");
            }
        }
        Require.optionalText(machineId, "microvm.machineId");
        binScripts = Require.map(binScripts, "microvm.binScripts");
        Require.present(virtiofsd, "microvm.virtiofsd");
        Require.present(hypervisorOptions, "microvm.qemu");
        Require.present(guestOs, "guest OS options");
    }

    /**
     * A builder for specs made in Java (tests, examples, before a Nix declaration exists). It starts from
     * microvm.nix's plain option defaults (qemu, 1 vCPU, 512 MiB, socket {@code <hostName>.sock}, store from a
     * host store share); the module-system reader does not use it, it calls the canonical constructor with
     * what the schemas resolved.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder pre-filled with this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.hostName = hostName;
        b.platform = platform;
        b.hypervisor = hypervisor;
        b.resources = resources;
        b.boot = boot;
        b.store = store;
        b.socket = socket;
        b.socketSet = true;
        b.user = user;
        b.preStart = preStart;
        b.extraArgsScript = extraArgsScript;
        b.shares.addAll(shares);
        b.volumes.addAll(volumes);
        b.interfaces.addAll(interfaces);
        b.forwardPorts.addAll(forwardPorts);
        b.devices.addAll(devices);
        b.vsock = vsock;
        b.graphics = graphics;
        b.credentialFiles.putAll(credentialFiles);
        b.machineId = machineId;
        b.registerWithMachined = registerWithMachined;
        b.prettyProcnames = prettyProcnames;
        b.binScripts.putAll(binScripts);
        b.optimize = optimize;
        b.virtiofsd = virtiofsd;
        b.hypervisorOptions = hypervisorOptions;
        b.guestOs = guestOs;
        return b;
    }

    /** Whether any share exports the host's store. */
    public boolean sharesHostStore() {
        return shares.stream().anyMatch(Share::isHostStore);
    }

    /** Mutable, single-use helper; see {@link MicroVmSpec#builder(String)}. */
    public static final class Builder {
        private final String name;
        private String hostName;
        private Platform platform = Platform.X86_64_LINUX;
        private Hypervisor hypervisor = Hypervisor.QEMU;
        private Resources resources = Resources.of(1, 512);
        private Boot boot = new Boot("linux", Optional.empty(), List.of());
        private GuestStore store = GuestStore.shared();
        private Optional<String> socket = Optional.empty();
        private boolean socketSet;
        private Optional<String> user = Optional.empty();
        private String preStart = "";
        private Optional<String> extraArgsScript = Optional.empty();
        private final List<Share> shares = new ArrayList<>();
        private final List<Volume> volumes = new ArrayList<>();
        private final List<NetInterface> interfaces = new ArrayList<>();
        private final List<ForwardPort> forwardPorts = new ArrayList<>();
        private final List<Device> devices = new ArrayList<>();
        private Vsock vsock = Vsock.none();
        private Graphics graphics;
        private final Map<String, String> credentialFiles = new LinkedHashMap<>();
        private Optional<String> machineId = Optional.empty();
        private boolean registerWithMachined;
        private boolean prettyProcnames = true;
        private final Map<String, String> binScripts = new LinkedHashMap<>();
        private boolean optimize = true;
        private VirtiofsdOptions virtiofsd = VirtiofsdOptions.defaults();
        private HypervisorOptions hypervisorOptions;
        private GuestOs guestOs = GuestOs.minimal();

        private Builder(String name) {
            this.name = name;
            this.hostName = name;
        }

        public Builder hostName(String v) { hostName = v; return this; }

        public Builder platform(Platform v) { platform = v; return this; }

        public Builder hypervisor(Hypervisor v) { hypervisor = v; return this; }

        public Builder resources(Resources v) { resources = v; return this; }

        public Builder vcpu(int vcpu) {
            Resources r = resources;
            resources = new Resources(vcpu, r.cpu(), r.memMiB(), r.hugepageMem(), r.hotplugMemMiB(),
                r.hotpluggedMemMiB(), r.balloon(), r.initialBalloonMiB(), r.deflateOnOom());
            return this;
        }

        public Builder mem(int memMiB) {
            Resources r = resources;
            resources = new Resources(r.vcpu(), r.cpu(), memMiB, r.hugepageMem(), r.hotplugMemMiB(),
                r.hotpluggedMemMiB(), r.balloon(), r.initialBalloonMiB(), r.deflateOnOom());
            return this;
        }

        public Builder balloon(boolean on) {
            Resources r = resources;
            resources = new Resources(r.vcpu(), r.cpu(), r.memMiB(), r.hugepageMem(), r.hotplugMemMiB(),
                r.hotpluggedMemMiB(), on, r.initialBalloonMiB(), r.deflateOnOom());
            return this;
        }

        public Builder boot(Boot v) { boot = v; return this; }

        public Builder kernelParams(String... params) {
            boot = new Boot(boot.kernel(), boot.initrdPath(), List.of(params));
            return this;
        }

        public Builder store(GuestStore v) { store = v; return this; }

        /** Sets {@code microvm.socket}; {@code null} means no control socket. */
        public Builder socket(String v) { socket = Optional.ofNullable(v); socketSet = true; return this; }

        public Builder user(String v) { user = Optional.ofNullable(v); return this; }

        public Builder preStart(String v) { preStart = v; return this; }

        public Builder extraArgsScript(String v) { extraArgsScript = Optional.ofNullable(v); return this; }

        public Builder share(Share v) { shares.add(v); return this; }

        public Builder volume(Volume v) { volumes.add(v); return this; }

        public Builder iface(NetInterface v) { interfaces.add(v); return this; }

        public Builder forwardPort(ForwardPort v) { forwardPorts.add(v); return this; }

        /** Replaces every forwarded port (e.g. to move a host port that is taken). */
        public Builder forwardPorts(List<ForwardPort> v) { forwardPorts.clear(); forwardPorts.addAll(v); return this; }

        public Builder device(Device v) { devices.add(v); return this; }

        public Builder vsock(Vsock v) { vsock = v; return this; }

        public Builder graphics(Graphics v) { graphics = v; return this; }

        public Builder credentialFile(String credential, String file) { credentialFiles.put(credential, file); return this; }

        public Builder machineId(String v) { machineId = Optional.ofNullable(v); return this; }

        public Builder registerWithMachined(boolean v) { registerWithMachined = v; return this; }

        public Builder prettyProcnames(boolean v) { prettyProcnames = v; return this; }

        public Builder binScript(String scriptName, String body) { binScripts.put(scriptName, body); return this; }

        public Builder optimize(boolean v) { optimize = v; return this; }

        public Builder virtiofsd(VirtiofsdOptions v) { virtiofsd = v; return this; }

        public Builder hypervisorOptions(HypervisorOptions v) { hypervisorOptions = v; return this; }

        public Builder qemu(QemuOptions v) {
            hypervisorOptions = options().withQemu(v);
            return this;
        }

        public Builder guestOs(GuestOs v) { guestOs = v; return this; }

        private HypervisorOptions options() {
            return hypervisorOptions != null ? hypervisorOptions : HypervisorOptions.defaults(platform);
        }

        public MicroVmSpec build() {
            Optional<String> resolvedSocket = socketSet ? socket : Optional.of(hostName + ".sock");
            Graphics g = graphics != null ? graphics : Graphics.disabled(hostName);
            return new MicroVmSpec(name, hostName, platform, hypervisor, resources, boot, store, resolvedSocket, user,
                preStart, extraArgsScript, shares, volumes, interfaces, forwardPorts, devices, vsock, g,
                credentialFiles, machineId, registerWithMachined, prettyProcnames, binScripts, optimize, virtiofsd,
                options(), guestOs);
        }
    }
}
