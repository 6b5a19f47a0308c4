package org.jmicrovm.build.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes the volume label into an erofs superblock. Debian 12's mkfs.erofs (1.5) has no {@code -L},
 * but microvm.nix mounts the store disk by label, so the label is patched in afterwards and the
 * superblock checksum recomputed. The existing checksum is verified first, so a superblock layout
 * this code does not understand is refused rather than corrupted.
 */
public final class ErofsLabel {
    static final int SUPERBLOCK_OFFSET = 1024;
    static final int MAGIC = 0xE0F5E1E2;
    static final int FEATURE_COMPAT_SB_CHKSUM = 0x1;
    static final int VOLUME_NAME_OFFSET = 64;
    static final int VOLUME_NAME_LENGTH = 16;

    private ErofsLabel() {}

    public static void set(Path image, String label) throws IOException {
        byte[] name = label.getBytes(StandardCharsets.UTF_8);
        if (name.length > VOLUME_NAME_LENGTH) {
            throw new IllegalArgumentException("an erofs label has at most 16 bytes: " + label);
        }
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            while (block.hasRemaining() && ch.read(block, block.position()) > 0) {
                // fill the first block
            }
            if (block.position() < 4096 || block.getInt(SUPERBLOCK_OFFSET) != MAGIC) {
                throw new IOException(image + " is not an erofs image");
            }
            int blkszbits = Byte.toUnsignedInt(block.get(SUPERBLOCK_OFFSET + 12));
            int blockSize = 1 << blkszbits;
            if (blockSize != 4096) {
                throw new IOException(image + ": erofs block size " + blockSize + " not supported for labelling");
            }
            boolean checksummed = (block.getInt(SUPERBLOCK_OFFSET + 8) & FEATURE_COMPAT_SB_CHKSUM) != 0;
            if (checksummed) {
                int stored = block.getInt(SUPERBLOCK_OFFSET + 4);
                if (checksum(block) != stored) {
                    throw new IOException(image + ": erofs superblock checksum does not match; refusing to edit it");
                }
            }
            for (int i = 0; i < VOLUME_NAME_LENGTH; i++) {
                block.put(SUPERBLOCK_OFFSET + VOLUME_NAME_OFFSET + i, i < name.length ? name[i] : 0);
            }
            if (checksummed) {
                block.putInt(SUPERBLOCK_OFFSET + 4, checksum(block));
            }
            ch.write(ByteBuffer.wrap(block.array(), SUPERBLOCK_OFFSET, 4096 - SUPERBLOCK_OFFSET), SUPERBLOCK_OFFSET);
        }
    }

    /**
     * The kernel's superblock checksum: crc32c seeded with ~0 over the rest of the first block with
     * the checksum field zeroed, without the final inversion (so the complement of the standard CRC-32C).
     */
    static int checksum(ByteBuffer block) {
        byte[] copy = new byte[4096 - SUPERBLOCK_OFFSET];
        System.arraycopy(block.array(), SUPERBLOCK_OFFSET, copy, 0, copy.length);
        copy[4] = copy[5] = copy[6] = copy[7] = 0;
        CRC32C crc = new CRC32C();
        crc.update(copy);
        return ~(int) crc.getValue();
    }
}
