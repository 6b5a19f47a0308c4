package org.jmicrovm.model;

/** The guest's Nix system; it decides the machine type, kernel image format and console device. */
public enum Platform {
    X86_64_LINUX("x86_64-linux", "x86_64"),
    AARCH64_LINUX("aarch64-linux", "aarch64");

    private final String nixSystem;
    private final String cpuArch;

    Platform(String nixSystem, String cpuArch) {
        this.nixSystem = nixSystem;
        this.cpuArch = cpuArch;
    }

    public String nixSystem() {
        return nixSystem;
    }

    /** As {@code uname -m} prints it, and as qemu names its system emulators. */
    public String cpuArch() {
        return cpuArch;
    }

    public static Platform fromNixSystem(String system) {
        for (Platform p : values()) {
            if (p.nixSystem.equals(system)) return p;
        }
        throw new InvalidSpecException("nixpkgs.hostPlatform",
            "not supported by jmicrovm: guests of system \"" + system + "\"; use \"x86_64-linux\" or \"aarch64-linux\"");
    }

    @Override
    public String toString() {
        return nixSystem;
    }
}
