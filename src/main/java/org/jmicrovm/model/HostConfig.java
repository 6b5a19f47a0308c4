package org.jmicrovm.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of a host configuration ({@code microvm.host.*}, {@code microvm.stateDir},
 * {@code microvm.autostart}) and its declared VMs, as the module system resolved them.
 *
 * @param enable           {@code microvm.host.enable}
 * @param startupTimeout   {@code microvm.host.startupTimeout}, seconds
 * @param useNotifySockets {@code microvm.host.useNotifySockets}
 * @param stateDir         {@code microvm.stateDir}
 * @param autostart        {@code microvm.autostart}: declared VMs with {@code autostart} plus user entries
 * @param vms              {@code microvm.vms} by name, in name order
 * @param bridges          {@code microvm.host.bridges} by name (jmicrovm's own)
 */
public record HostConfig(boolean enable, int startupTimeout, boolean useNotifySockets, String stateDir,
                         List<String> autostart, Map<String, VmDeclaration> vms, Map<String, HostBridge> bridges) {

    public HostConfig {
        Require.positive(startupTimeout, "microvm.host.startupTimeout");
        Require.text(stateDir, "microvm.stateDir");
        autostart = Require.list(autostart, "microvm.autostart");
        Require.present(vms, "microvm.vms");
        vms.forEach((name, vm) -> {
            if (!name.equals(vm.name())) {
                throw new InvalidSpecException("microvm.vms." + name, "declared under another name: " + vm.name());
            }
        });
        vms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vms));
        // flake deployments are checked with the others once their guests are evaluated (HostDeclarations)
        VmCollisions.check(VmCollisions.specs(vms));
        bridges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Require.present(bridges, "microvm.host.bridges")));
        // each bridge checked its own forwards; a port of the host forwarded by two bridges is as wrong
        List<HostBridge> earlier = new java.util.ArrayList<>();
        for (HostBridge b : bridges.values()) {
            for (HostBridge.PortForward f : b.forwardPorts()) {
                for (HostBridge other : earlier) {
                    if (other.forwardPorts().stream().anyMatch(f::overlaps)) {
                        throw new InvalidSpecException("microvm.host.bridges." + b.name() + ".forwardPorts", f.proto()
                                + " port " + f.hostPort() + " is forwarded by bridge " + other.name() + " already");
                    }
                }
            }
            earlier.add(b);
        }
    }
}
