package org.jmicrovm.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A {@link MicroVmSpec} as a JSON-shaped tree keyed by the options a person wrote ({@code microvm.mem},
 * {@code systemd.services}, …), so that two builds of a VM can be compared in the words of its configuration
 * ({@code microvm-host plan} shows what a restart will change). Runners keep it in
 * {@code share/microvm/declaration.json}.
 *
 * <p>Values are JSON-shaped: maps, lists, strings, numbers, booleans and {@code null} (an empty
 * {@code Optional}). Records nested below an option keep their component names; enums are written as the Nix
 * option spells them. Lists whose items have a natural identity (a share's {@code tag}, a volume's
 * {@code image}, a user's {@code name}) stay lists; the comparison matches their items by that identity.
 */
public final class SpecDocument {

    /** Bumped when the shape changes, so a comparison with an older document can say it cannot tell. */
    public static final int VERSION = 1;

    /** Components below an option whose Java name is not the option's. */
    private static final Map<String, String> NESTED_RENAMES = Map.ofEntries(
            Map.entry("sizeMiB", "size"), Map.entry("tapVhost", "tap.vhost"),
            Map.entry("hostAddress", "host.address"), Map.entry("hostPort", "host.port"),
            Map.entry("guestAddress", "guest.address"), Map.entry("guestPort", "guest.port"),
            Map.entry("qemuId", "qemu.id"), Map.entry("qemuBus", "qemu.bus"),
            Map.entry("qemuDeviceExtraArgs", "qemu.deviceExtraArgs"),
            Map.entry("authorizedKeys", "openssh.authorizedKeys.keys"), Map.entry("restart", "serviceConfig.Restart"));

    private SpecDocument() {}

    public static Map<String, Object> of(MicroVmSpec spec) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("jmicrovm.declarationVersion", VERSION);
        d.put("networking.hostName", spec.hostName());
        // not a guest option: the system of the package set the VM was given (microvm.vms.<name>.pkgs)
        d.put("pkgs.system", spec.platform().nixSystem());
        d.put("microvm.hypervisor", spec.hypervisor().nixName());
        flatten(d, "microvm.", spec.resources(), Map.of("memMiB", "mem", "hotplugMemMiB", "hotplugMem",
                "hotpluggedMemMiB", "hotpluggedMem", "initialBalloonMiB", "initialBalloonMem",
                "deflateOnOom", "deflateOnOOM"));
        flatten(d, "microvm.", spec.boot(), Map.of());
        flatten(d, "microvm.", spec.store(), Map.of("erofsFlags", "storeDiskErofsFlags",
                "squashfsFlags", "storeDiskSquashfsFlags"));
        d.put("microvm.socket", json(spec.socket()));
        d.put("microvm.user", json(spec.user()));
        d.put("microvm.preStart", spec.preStart());
        d.put("microvm.extraArgsScript", json(spec.extraArgsScript()));
        d.put("microvm.shares", json(spec.shares()));
        d.put("microvm.volumes", json(spec.volumes()));
        d.put("microvm.interfaces", json(spec.interfaces()));
        d.put("microvm.forwardPorts", json(spec.forwardPorts()));
        d.put("microvm.devices", json(spec.devices()));
        d.put("microvm.vsock.cid", json(spec.vsock().cid()));
        d.put("microvm.vsock.ssh.enable", spec.vsock().sshEnable());
        flatten(d, "microvm.graphics.", spec.graphics(), Map.of());
        d.put("microvm.credentialFiles", json(spec.credentialFiles()));
        d.put("microvm.machineId", json(spec.machineId()));
        d.put("microvm.registerWithMachined", spec.registerWithMachined());
        d.put("microvm.prettyProcnames", spec.prettyProcnames());
        d.put("microvm.binScripts", json(spec.binScripts()));
        d.put("microvm.optimize.enable", spec.optimize());
        flatten(d, "microvm.virtiofsd.", spec.virtiofsd(), Map.of());
        flatten(d, "microvm.qemu.", spec.hypervisorOptions().qemu(), Map.of());
        flatten(d, "microvm.cloud-hypervisor.", spec.hypervisorOptions().cloudHypervisor(),
                Map.of("platformOemStrings", "platformOEMStrings"));
        flatten(d, "microvm.crosvm.", spec.hypervisorOptions().crosvm(), Map.of());
        flatten(d, "microvm.firecracker.", spec.hypervisorOptions().firecracker(), Map.of());
        GuestOs os = spec.guestOs();
        d.put("environment.etc", json(os.etc()));
        // an attribute set in the configuration; the model keeps it as a list
        Map<String, Object> users = new TreeMap<>();
        os.users().forEach(u -> users.put(u.name(), json(u)));
        d.put("users.users", users);
        d.put("networking.interfaces", json(os.network().interfaces()));
        d.put("networking.defaultGateway", json(os.network().defaultGateway()));
        d.put("networking.nameservers", json(os.network().nameservers()));
        d.put("systemd.services", json(os.services()));
        d.put("environment.systemPackages", json(os.packages()));
        d.put("time.timeZone", json(os.timeZone()));
        // set by jmicrovm's own Java builders only (no guest option declares them): recorded when used
        if (!os.network().firewallTcpPorts().isEmpty()) {
            d.put("networking.firewall.allowedTCPPorts", json(os.network().firewallTcpPorts()));
        }
        if (!os.kernelModules().isEmpty()) {
            d.put("boot.kernelModules", json(os.kernelModules()));
        }
        return d;
    }

    /** Each component of {@code record} becomes the option {@code prefix + name} (or its renamed form). */
    private static void flatten(Map<String, Object> d, String prefix, Record record, Map<String, String> renames) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            d.put(prefix + renames.getOrDefault(c.getName(), c.getName()), json(component(record, c)));
        }
    }

    /** A model value as a JSON-shaped tree. */
    static Object json(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case Optional<?> o -> json(o.orElse(null));
            case OptionalInt o -> o.isPresent() ? o.getAsInt() : null;
            case Path p -> p.toString();
            case Enum<?> e -> nixName(e);
            case Map<?, ?> m -> {
                // sorted: attribute sets have no order in Nix, and the document must not change when none changed
                Map<String, Object> out = new TreeMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>();
                c.forEach(v -> out.add(json(v)));
                yield out;
            }
            case Record r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    out.put(NESTED_RENAMES.getOrDefault(c.getName(), c.getName()), json(component(r, c)));
                }
                yield out;
            }
            default -> value.toString();
        };
    }

    private static Object component(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    /** The model's enums carry the option's spelling in {@code nixName()}; the others are lower-cased. */
    private static String nixName(Enum<?> e) {
        try {
            return String.valueOf(e.getDeclaringClass().getMethod("nixName").invoke(e));
        } catch (ReflectiveOperationException noNixName) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
