package org.jmicrovm.module.pkgs;

import java.util.List;

/**
 * The packages jmicrovm's guest builder knows how to provide: the Debian bookworm kernels
 * (generic and cloud flavour) and busybox, for x86_64-linux and aarch64-linux (the same versions). {@code linux} lets the builder pick
 * the kernel flavour from the VM's features; {@code linuxPackages.kernel} (NixOS' default kernel)
 * is the same package.
 */
public final class BuiltinPackages implements PackageCatalogue {

    public static final String KERNEL_VERSION = "6.1.192";
    public static final String BUSYBOX_VERSION = "1.35.0";

    private static final List<PackageInfo> LINUX_SYSTEMS = List.of(
            new PackageInfo("linux", "linux", KERNEL_VERSION,
                    "Debian's Linux kernel; the flavour (generic or cloud) is chosen from the VM's features"),
            new PackageInfo("linux-generic", "linux-generic", KERNEL_VERSION, "Debian's generic Linux kernel (all drivers)"),
            new PackageInfo("linux-cloud", "linux-cloud", KERNEL_VERSION, "Debian's cloud Linux kernel (small, no 9p)"),
            new PackageInfo("busybox", "busybox", BUSYBOX_VERSION, "Debian's static busybox"));

    @Override
    public List<PackageInfo> packages(String system) {
        return systems().contains(system) ? LINUX_SYSTEMS : List.of();
    }

    @Override
    public List<String> systems() {
        return List.of("x86_64-linux", "aarch64-linux");
    }
}
