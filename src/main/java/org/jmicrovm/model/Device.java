package org.jmicrovm.model;

import java.util.Optional;

/**
 * One entry of {@code microvm.devices}: a host device passed through.
 *
 * @param bus                 pci or usb
 * @param path                PCI address ({@code 0000:06:00.1}) or USB selector ({@code vendorid=0x..,productid=0x..})
 * @param qemuId              qemu {@code id=}
 * @param qemuBus             qemu {@code bus=}
 * @param qemuDeviceExtraArgs appended to qemu's {@code -device}
 */
public record Device(Bus bus, String path, Optional<String> qemuId, Optional<String> qemuBus,
                     Optional<String> qemuDeviceExtraArgs) {

    public enum Bus {
        PCI("pci"), USB("usb");

        private final String nixName;

        Bus(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Bus fromNixName(String s) { return Enums.byNixName(values(), Bus::nixName, s, "bus"); }

        @Override public String toString() { return nixName; }
    }

    public Device {
        Require.present(bus, "microvm.devices.*.bus");
        Require.text(path, "microvm.devices.*.path");
        Require.optionalText(qemuId, "microvm.devices.*.qemu.id");
        Require.optionalText(qemuBus, "microvm.devices.*.qemu.bus");
        Require.optionalText(qemuDeviceExtraArgs, "microvm.devices.*.qemu.deviceExtraArgs");
    }

    public static Device pci(String bdf) {
        return new Device(Bus.PCI, bdf, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Device usb(String selector) {
        return new Device(Bus.USB, selector, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
