package org.jmicrovm.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The hypervisors jmicrovm builds runners for: microvm.nix's {@code lib.hypervisors} without vfkit,
 * which drives Apple's Virtualization.framework and only exists on macOS.
 */
public enum Hypervisor {
    QEMU("qemu"),
    CLOUD_HYPERVISOR("cloud-hypervisor"),
    FIRECRACKER("firecracker"),
    CROSVM("crosvm"),
    KVMTOOL("kvmtool"),
    STRATOVIRT("stratovirt"),
    ALIOTH("alioth");

    private final String nixName;

    Hypervisor(String nixName) {
        this.nixName = nixName;
    }

    /** The value of {@code microvm.hypervisor} and of {@code share/microvm/hypervisor}. */
    public String nixName() {
        return nixName;
    }

    /** Resolves {@code microvm.hypervisor}; vfkit gets its own explanation rather than "unknown". */
    public static Hypervisor fromNixName(String name) {
        for (Hypervisor h : values()) {
            if (h.nixName.equals(name)) return h;
        }
        if ("vfkit".equals(name)) {
            throw new InvalidSpecException("microvm.hypervisor",
                "not supported by jmicrovm: \"vfkit\" runs only on macOS (Virtualization.framework); "
                    + "choose one of " + names());
        }
        throw new InvalidSpecException("microvm.hypervisor",
            "unknown hypervisor \"" + name + "\"; choose one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(h -> "\"" + h.nixName + "\"").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return nixName;
    }
}
