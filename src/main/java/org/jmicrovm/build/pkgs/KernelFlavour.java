package org.jmicrovm.build.pkgs;

/**
 * Debian's two kernel flavours, on amd64 and arm64 alike. The cloud kernel is smaller and boots
 * faster but lacks drivers (notably 9p); the generic one has every driver a MicroVM can ask for.
 */
public enum KernelFlavour {
    GENERIC(""),
    CLOUD("cloud-");

    private final String debianPrefix;

    KernelFlavour(String debianPrefix) {
        this.debianPrefix = debianPrefix;
    }

    /**
     * The Debian package name for this flavour of an ABI on a Debian architecture, e.g.
     * {@code linux-image-6.1.0-56-cloud-amd64}.
     */
    public String packageName(String abi, String architecture) {
        return "linux-image-" + abi + "-" + debianPrefix + architecture;
    }
}
