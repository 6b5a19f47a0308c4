package org.jmicrovm.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code microvm.qemu.*}.
 *
 * @param machine        {@code -M} machine type ({@code microvm}, {@code q35}, {@code pc}, {@code virt}, …)
 * @param machineOpts    replaces the generated machine options entirely when present (key order kept)
 * @param extraArgs      appended to the command line
 * @param serialConsole  attach the serial console to stdio
 * @param consoleSocket  a virtio console on the UNIX socket {@code console.sock}, with a shell on the guest's side
 * @param pcieRootPorts  {@code pcie-root-port} devices, placed before PCI passthrough devices
 */
public record QemuOptions(String machine, Optional<Map<String, String>> machineOpts, List<String> extraArgs,
                          boolean serialConsole, boolean consoleSocket, List<PcieRootPort> pcieRootPorts) {

    /** One {@code -device pcie-root-port}. */
    public record PcieRootPort(String id, String bus, int chassis, int slot, String addr) {
        public PcieRootPort {
            Require.text(id, "microvm.qemu.pcieRootPorts.*.id");
            Require.text(bus, "microvm.qemu.pcieRootPorts.*.bus");
            Require.text(addr, "microvm.qemu.pcieRootPorts.*.addr");
        }
    }

    public QemuOptions {
        Require.text(machine, "microvm.qemu.machine");
        machineOpts = Require.optional(machineOpts, "microvm.qemu.machineOpts")
            .map(m -> Require.map(m, "microvm.qemu.machineOpts"));
        extraArgs = Require.list(extraArgs, "microvm.qemu.extraArgs");
        pcieRootPorts = Require.list(pcieRootPorts, "microvm.qemu.pcieRootPorts");
    }

    /** microvm.nix's defaults for a guest of {@code platform}. */
    public static QemuOptions defaults(Platform platform) {
        String machine = platform == Platform.AARCH64_LINUX ? "virt" : "microvm";
        return new QemuOptions(machine, Optional.empty(), List.of(), true, true, List.of());
    }

    public QemuOptions withConsoleSocket(boolean enabled) {
        return new QemuOptions(machine, machineOpts, extraArgs, serialConsole, enabled, pcieRootPorts);
    }

    public QemuOptions withMachine(String newMachine) {
        return new QemuOptions(newMachine, machineOpts, extraArgs, serialConsole, consoleSocket, pcieRootPorts);
    }
}
