package org.jmicrovm.build.pkgs;

/**
 * Debian's two x86_64 kernel flavours. The cloud kernel is smaller and boots faster but lacks
 * drivers (notably 9p); the generic one has every driver a MicroVM can ask for.
 */
public enum KernelFlavour {
    GENERIC("amd64"),
    CLOUD("cloud-amd64");

    private final String debianSuffix;

    KernelFlavour(String debianSuffix) {
        this.debianSuffix = debianSuffix;
    }

    /** The Debian package name for this flavour of an ABI, e.g. {@code linux-image-6.1.0-56-cloud-amd64}. */
    public String packageName(String abi) {
        return "linux-image-" + abi + "-" + debianSuffix;
    }
}
