package org.jmicrovm.build;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jmicrovm.build.pkgs.KernelFlavour;
import org.jmicrovm.build.runner.Qemu;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * What a VM needs from its kernel: the modules its early init loads, and so which kernel flavour
 * can run it. The cloud kernel is preferred (smaller, boots faster under TCG) unless the VM uses
 * something it lacks (9p).
 */
public record GuestFeatures(boolean ninePShares, boolean virtiofsShares, boolean blockDevices, boolean network,
                            boolean vsock, boolean overlay, Set<String> fileSystems, List<String> extraModules,
                            boolean virtioMmioOnly, boolean virtioConsole, boolean gpioPowerButton,
                            boolean lateVirtioConsole, boolean firmwareCredentials) {

    /**
     * Modules loaded after the guest reported ready (by {@code activate}, from files stage 1 keeps for it):
     * qemu's interactive console ({@code microvm.qemu.consoleSocket}). Nothing at boot needs it, and under
     * TCG loading it and probing its ports costs ~0.1–0.2 s before the ready line. Their dependencies
     * (virtio, virtio_ring) are loaded early by every VM.
     */
    public List<String> lateModules() {
        return lateVirtioConsole ? List.of("virtio_console") : List.of();
    }

    public static GuestFeatures of(MicroVmSpec spec) {
        Set<String> fs = new LinkedHashSet<>();
        for (Volume v : spec.volumes()) {
            if (v.mountPoint().isPresent()) {
                fs.add(v.fsType().toLowerCase(Locale.ROOT));
            }
        }
        GuestStore store = spec.store();
        if (store.storeOnDisk()) {
            fs.add(store.storeDiskType().nixName());
        }
        boolean nineP = spec.shares().stream().anyMatch(s -> s.proto() == Share.Proto.NINE_P);
        boolean virtiofs = spec.shares().stream().anyMatch(s -> s.proto() == Share.Proto.VIRTIOFS);
        // Under TCG every module stage 1 loads costs ~0.1 s of boot: load only the transports the
        // hypervisor's devices sit on. qemu's microvm machine has no PCI bus, and qemu's runner puts the
        // console on the serial port; its interactive virtio console (microvm.qemu.consoleSocket) is loaded
        // late (lateModules).
        boolean qemu = spec.hypervisor() == Hypervisor.QEMU;
        return new GuestFeatures(nineP, virtiofs, store.storeOnDisk() || !spec.volumes().isEmpty(),
                !spec.interfaces().isEmpty(), spec.vsock().cid().isPresent(),
                store.writableStoreOverlay().isPresent(), fs, spec.guestOs().kernelModules(),
                qemu && Qemu.usesVirtioMmio(spec), !qemu,
                // qemu's arm "virt" machine, booted without firmware, describes itself by device tree, where
                // the power button is a gpio-keys device: no ACPI button
                qemu && spec.platform() == Platform.AARCH64_LINUX,
                qemu && Qemu.hasConsoleSocket(spec),
                // microvm.credentialFiles reach the guest through qemu's fw_cfg (only qemu supports them)
                qemu && !spec.credentialFiles().isEmpty());
    }

    /** The kernel flavour for {@code microvm.kernel}: {@code linux} picks one by features, the others force it. */
    public KernelFlavour flavour(String vm, String kernelAttr) {
        return switch (kernelAttr) {
            case "linux" -> preferred();
            case "linux-generic" -> KernelFlavour.GENERIC;
            case "linux-cloud" -> {
                if (ninePShares) {
                    throw new BuildException(vm, "microvm.kernel", "the cloud kernel has no 9p; use proto = \"virtiofs\""
                            + " for the shares, or microvm.kernel = \"linux\" to pick the generic kernel");
                }
                yield KernelFlavour.CLOUD;
            }
            default -> throw new BuildException(vm, "microvm.kernel", "unknown kernel package '" + kernelAttr
                    + "'; the built-in package set has linux (chosen by the VM's features), linux-cloud and linux-generic");
        };
    }

    /**
     * The flavour {@code linux} picks: the cloud kernel unless the VM needs 9p, or a gpio-keys power button
     * (Debian's arm64 cloud kernel has no gpio-keys driver, so qemu's {@code system_powerdown}, and with it
     * {@code microvm-shutdown}, would not reach the guest).
     */
    private KernelFlavour preferred() {
        return ninePShares || gpioPowerButton ? KernelFlavour.GENERIC : KernelFlavour.CLOUD;
    }

    /** Modules the early init loads with the kernel {@code linux} picks, before their dependencies are added. */
    public List<String> modules() {
        return modules(preferred());
    }

    /** Modules the early init loads with a kernel of {@code flavour}, before their dependencies are added. */
    public List<String> modules(KernelFlavour flavour) {
        List<String> m = new ArrayList<>(List.of("virtio_mmio"));
        if (!virtioMmioOnly) {
            m.add("virtio_pci");
        }
        if (virtioConsole) {
            m.add("virtio_console");
        }
        // the ACPI power button reaches acpid only through button and evdev
        m.addAll(List.of("virtio_rng", "button", "evdev"));
        if (gpioPowerButton && flavour == KernelFlavour.GENERIC) {
            m.add("gpio_keys");
        }
        if (blockDevices) {
            m.add("virtio_blk");
        }
        if (network) {
            m.add("virtio_net");
        }
        if (ninePShares) {
            m.addAll(List.of("9pnet_virtio", "9p"));
        }
        if (virtiofsShares) {
            m.add("virtiofs");
        }
        if (overlay) {
            m.add("overlay");
        }
        if (vsock) {
            m.add("vmw_vsock_virtio_transport");
        }
        if (firmwareCredentials) {
            m.add("qemu_fw_cfg");
        }
        for (String f : fileSystems) {
            switch (f) {
                case "ext4", "ext3", "ext2" -> m.addAll(List.of("crc32c_generic", "ext4"));
                case "vfat" -> m.addAll(List.of("nls_cp437", "nls_iso8859_1", "vfat"));
                // erofs needs libcrc32c, whose init looks up the "crc32c" hash: a module in the
                // generic kernels (built into the cloud ones), and stage 1 has no modprobe to load it
                case "erofs" -> m.addAll(List.of("crc32c_generic", "erofs"));
                default -> m.add(f);
            }
        }
        m.addAll(extraModules);
        return m;
    }
}
