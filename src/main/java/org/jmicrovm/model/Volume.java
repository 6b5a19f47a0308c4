package org.jmicrovm.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of {@code microvm.volumes}: a disk image attached as a virtio block device.
 *
 * @param image         host path of the image; relative paths resolve against the VM's state directory
 * @param mountPoint    guest mount point, or empty for an unmounted disk
 * @param sizeMiB       size for auto-creation, in MiB (required when {@code autoCreate})
 * @param autoCreate    {@code microvm-run} creates the image when it is missing
 * @param fsType        mkfs type and guest mount type
 * @param label         file-system label (mkfs {@code -L}/{@code -n}); the guest mounts by label if set
 * @param mkfsExtraArgs extra mkfs arguments
 * @param serial        block device serial
 * @param direct        O_DIRECT on the host
 * @param readOnly      attach read-only
 * @param imageType     on-disk format (only cloud-hypervisor passes it on)
 */
public record Volume(String image, Optional<String> mountPoint, OptionalInt sizeMiB, boolean autoCreate, String fsType,
                     Optional<String> label, List<String> mkfsExtraArgs, Optional<String> serial, boolean direct,
                     boolean readOnly, ImageType imageType) {

    public enum ImageType {
        RAW("raw"), QCOW2("qcow2"), VHD("vhd"), VHDX("vhdx");

        private final String nixName;

        ImageType(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static ImageType fromNixName(String s) {
            return Enums.byNixName(values(), ImageType::nixName, s, "imageType");
        }

        @Override public String toString() { return nixName; }
    }

    public Volume {
        Require.text(image, "microvm.volumes.*.image");
        Require.optionalText(mountPoint, "microvm.volumes.*.mountPoint");
        Require.optionalInt(sizeMiB, "microvm.volumes.*.size");
        Require.text(fsType, "microvm.volumes.*.fsType");
        Require.optionalText(label, "microvm.volumes.*.label");
        mkfsExtraArgs = Require.list(mkfsExtraArgs, "microvm.volumes.*.mkfsExtraArgs");
        Require.optionalText(serial, "microvm.volumes.*.serial");
        Require.present(imageType, "microvm.volumes.*.imageType");
        if (sizeMiB.isPresent()) Require.positive(sizeMiB.getAsInt(), "microvm.volumes.*.size");
    }

    /** An auto-created ext4 volume with microvm.nix's other defaults. */
    public static Volume of(String image, String mountPoint, int sizeMiB) {
        return new Volume(image, Optional.of(mountPoint), OptionalInt.of(sizeMiB), true, "ext4", Optional.empty(),
            List.of(), Optional.empty(), false, false, ImageType.RAW);
    }

    public Volume withLabel(String newLabel) {
        return new Volume(image, mountPoint, sizeMiB, autoCreate, fsType, Optional.of(newLabel), mkfsExtraArgs, serial,
            direct, readOnly, imageType);
    }
}
