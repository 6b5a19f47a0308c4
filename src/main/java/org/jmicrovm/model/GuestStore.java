package org.jmicrovm.model;

import java.util.List;
import java.util.Optional;

/**
 * How the guest gets its store.
 *
 * @param storeOnDisk          attach the closure as a disk image (otherwise a share of the host store serves it)
 * @param storeDiskType        image format
 * @param erofsFlags           {@code microvm.storeDiskErofsFlags}
 * @param squashfsFlags        {@code microvm.storeDiskSquashfsFlags}
 * @param writableStoreOverlay upper directory of a writable overlay over the store, if any
 * @param systemSymlink        write {@code share/microvm/system} into the runner
 */
public record GuestStore(boolean storeOnDisk, StoreDiskType storeDiskType, List<String> erofsFlags,
                         List<String> squashfsFlags, Optional<String> writableStoreOverlay, boolean systemSymlink) {

    public enum StoreDiskType {
        EROFS("erofs"), SQUASHFS("squashfs");

        private final String nixName;

        StoreDiskType(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static StoreDiskType fromNixName(String s) {
            return Enums.byNixName(values(), StoreDiskType::nixName, s, "microvm.storeDiskType");
        }

        @Override public String toString() { return nixName; }
    }

    public GuestStore {
        Require.present(storeDiskType, "microvm.storeDiskType");
        erofsFlags = Require.list(erofsFlags, "microvm.storeDiskErofsFlags");
        squashfsFlags = Require.list(squashfsFlags, "microvm.storeDiskSquashfsFlags");
        Require.optionalText(writableStoreOverlay, "microvm.writableStoreOverlay");
    }

    /** The store comes from a share of the host's store (no disk image), with a {@code system} link. */
    public static GuestStore shared() {
        return new GuestStore(false, StoreDiskType.EROFS, List.of("-zlz4hc", "-Eztailpacking", "-Efragments"),
            List.of("-c", "zstd"), Optional.empty(), true);
    }

    /** The store is an erofs disk image, without a {@code system} link (microvm.nix's defaults for that case). */
    public static GuestStore onErofsDisk() {
        return new GuestStore(true, StoreDiskType.EROFS, List.of("-zlz4hc", "-Eztailpacking", "-Efragments"),
            List.of("-c", "zstd"), Optional.empty(), false);
    }
}
