package org.jmicrovm.build;

import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;

/**
 * How the guest's early init reaches the store: a share of the host's store (mounted at its
 * {@code mountPoint}, then bound read-only over the store directory) or a disk image holding the
 * closure. Either way the store appears in the guest at the same absolute path as on the host, so
 * the paths baked into the guest system resolve.
 */
public sealed interface StoreMount {
    /** The host store's directory, which is also the directory the guest mounts it at. */
    String storeDir();

    record FromShare(String storeDir, Share share) implements StoreMount {}

    record FromDisk(String storeDir, GuestStore.StoreDiskType type) implements StoreMount {
        /** The label mkfs.erofs gives the image, as microvm.nix does. */
        public static final String LABEL = "nix-store";
    }

    static StoreMount of(MicroVmSpec spec, String storeDir) {
        if (spec.store().storeOnDisk()) {
            return new FromDisk(storeDir, spec.store().storeDiskType());
        }
        return spec.shares().stream().filter(Share::isHostStore).findFirst()
                .<StoreMount>map(s -> new FromShare(storeDir, s))
                .orElseThrow(() -> new BuildException(spec.name(), "microvm.storeOnDisk",
                        "the store is neither on a disk nor shared: set microvm.storeOnDisk = true, or add a share"
                                + " with source = \"/nix/store\""));
    }
}
