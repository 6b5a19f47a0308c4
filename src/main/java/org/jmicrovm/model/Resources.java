package org.jmicrovm.model;

import java.util.Optional;

/**
 * CPUs and memory of the guest.
 *
 * @param vcpu              {@code microvm.vcpu}
 * @param cpu               {@code microvm.cpu}: an emulated CPU model; set means qemu runs under TCG
 * @param memMiB            {@code microvm.mem}, in MiB
 * @param hugepageMem       {@code microvm.hugepageMem} (cloud-hypervisor only)
 * @param hotplugMemMiB     {@code microvm.hotplugMem}: virtio-mem maximum, 0 = off
 * @param hotpluggedMemMiB  {@code microvm.hotpluggedMem}: virtio-mem starting size
 * @param balloon           {@code microvm.balloon}
 * @param initialBalloonMiB {@code microvm.initialBalloonMem} (cloud-hypervisor only)
 * @param deflateOnOom      {@code microvm.deflateOnOOM}
 */
public record Resources(int vcpu, Optional<String> cpu, int memMiB, boolean hugepageMem, int hotplugMemMiB,
                        int hotpluggedMemMiB, boolean balloon, int initialBalloonMiB, boolean deflateOnOom) {

    public Resources {
        Require.positive(vcpu, "microvm.vcpu");
        Require.optionalText(cpu, "microvm.cpu");
        Require.positive(memMiB, "microvm.mem");
        Require.unsigned(hotplugMemMiB, "microvm.hotplugMem");
        Require.unsigned(hotpluggedMemMiB, "microvm.hotpluggedMem");
        Require.unsigned(initialBalloonMiB, "microvm.initialBalloonMem");
    }

    /** {@code vcpu} CPUs and {@code memMiB} MiB, the other options at microvm.nix's defaults. */
    public static Resources of(int vcpu, int memMiB) {
        return new Resources(vcpu, Optional.empty(), memMiB, false, 0, 0, false, 0, true);
    }
}
