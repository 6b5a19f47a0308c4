package org.jmicrovm.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What two VMs of one host cannot both have, though each VM's own schema accepts it: the host's interface names
 * (tap and macvtap ids), the MACs on the host's networks (of tap, macvtap and bridge interfaces), vsock context
 * ids, and ports of the host forwarded by qemu's user networking. Each of these would let the second VM fail to
 * start, or worse, leave two guests fighting over one address on a bridge. microvm.nix checks none of them.
 */
public final class VmCollisions {

    private VmCollisions() {}

    /**
     * @param vms each VM's spec by name, in declaration order
     * @throws InvalidSpecException at the later VM's option ({@code microvm.vms.NAME.config.microvm.…}), naming
     *                              the earlier VM
     */
    public static void check(Map<String, MicroVmSpec> vms) {
        Map<String, String> ids = new HashMap<>();
        Map<String, String> macs = new HashMap<>();
        Map<Integer, String> cids = new HashMap<>();
        Map<ForwardPort, String> portOwners = new HashMap<>();
        for (var vm : vms.entrySet()) {
            String name = vm.getKey();
            MicroVmSpec spec = vm.getValue();
            String at = "microvm.vms." + name + ".config.microvm.";
            for (NetInterface nic : spec.interfaces()) {
                if (nic.type() == NetInterface.Type.USER) {
                    continue; // qemu's own network: nothing of it is on the host
                }
                if (nic.type() != NetInterface.Type.BRIDGE) {
                    taken(ids, nic.id(), name, at + "interfaces", "the " + nic.type() + " interface id " + nic.id(),
                            "interface names are the host's, one per VM");
                }
                taken(macs, nic.mac().toLowerCase(java.util.Locale.ROOT), name, at + "interfaces", "the MAC " + nic.mac(),
                        "two guests with one MAC on the host's network lose each other's packets");
            }
            spec.vsock().cid().ifPresent(cid -> taken(cids, cid, name, at + "vsock.cid", "vsock cid " + cid,
                    "a context id names one VM on the host"));
            for (ForwardPort f : spec.forwardPorts()) {
                if (f.from() != ForwardPort.From.HOST) {
                    continue;
                }
                Optional<ForwardPort> clash = portOwners.keySet().stream().filter(o -> o.proto() == f.proto()
                        && o.hostPort() == f.hostPort() && (o.hostAddress().isEmpty() || f.hostAddress().isEmpty()
                        || o.hostAddress().equals(f.hostAddress()))).findFirst();
                if (clash.isPresent() && !portOwners.get(clash.get()).equals(name)) {
                    throw new InvalidSpecException(at + "forwardPorts", f.proto() + " port " + f.hostPort()
                            + " of the host is forwarded by VM " + portOwners.get(clash.get())
                            + " already: only one of them could start");
                }
                portOwners.putIfAbsent(f, name);
            }
        }
    }

    private static <K> void taken(Map<K, String> owners, K key, String vm, String option, String what, String why) {
        String other = owners.putIfAbsent(key, vm);
        if (other != null && !other.equals(vm)) {
            throw new InvalidSpecException(option, what + " is VM " + other + "'s already (" + why + ")");
        }
    }

    /** The fully declarative VMs' specs of {@code vms}, by name. */
    static Map<String, MicroVmSpec> specs(Map<String, VmDeclaration> vms) {
        Map<String, MicroVmSpec> specs = new java.util.LinkedHashMap<>();
        vms.forEach((name, vm) -> {
            if (vm instanceof VmDeclaration.FullyDeclarative d) {
                specs.put(name, d.spec());
            }
        });
        return specs;
    }
}
