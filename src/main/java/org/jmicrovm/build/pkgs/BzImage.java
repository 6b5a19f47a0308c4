package org.jmicrovm.build.pkgs;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Reads an x86 bzImage's boot-protocol header to find its compressed payload and, when that
 * payload is XZ (Debian's generic kernel), unpacks it to the ELF {@code vmlinux} inside. Booted
 * as PVH, that ELF skips the in-guest decompression, which costs about 3 s under TCG.
 */
public final class BzImage {
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

    private BzImage() {}

    /** The compression of a bzImage's payload. */
    public enum Compression { XZ, LZ4, GZIP, ZSTD, OTHER }

    public record Payload(long offset, int length, Compression compression) {}

    public static Payload payload(byte[] image) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < 0x250 || b.getInt(0x202) != 0x53726448) { // "HdrS"
            throw new IOException("not an x86 bzImage (no HdrS boot-protocol header)");
        }
        int version = Short.toUnsignedInt(b.getShort(0x206));
        if (version < 0x208) {
            throw new IOException("boot protocol " + Integer.toHexString(version) + " has no payload fields");
        }
        int setupSects = Byte.toUnsignedInt(b.get(0x1f1));
        if (setupSects == 0) {
            setupSects = 4;
        }
        long offset = (setupSects + 1L) * 512 + Integer.toUnsignedLong(b.getInt(0x248));
        int length = b.getInt(0x24c);
        if (offset + length > image.length || length <= 0) {
            throw new IOException("bzImage payload lies outside the file");
        }
        return new Payload(offset, length, compressionAt(image, (int) offset));
    }

    private static Compression compressionAt(byte[] image, int at) {
        if (startsWith(image, at, XZ_MAGIC)) {
            return Compression.XZ;
        }
        if (startsWith(image, at, new byte[] {0x02, 0x21, 0x4c, 0x18})) {
            return Compression.LZ4;
        }
        if (startsWith(image, at, new byte[] {0x1f, (byte) 0x8b})) {
            return Compression.GZIP;
        }
        if (startsWith(image, at, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})) {
            return Compression.ZSTD;
        }
        return Compression.OTHER;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the ELF inside an XZ-compressed bzImage to {@code vmlinux}. Returns empty (writing
     * nothing) when the payload uses another compression.
     */
    public static Optional<Path> extractVmlinux(Path bzImage, Path vmlinux) throws IOException {
        byte[] image = Files.readAllBytes(bzImage);
        Payload p = payload(image);
        if (p.compression() != Compression.XZ) {
            return Optional.empty();
        }
        // One stream only: the kernel appends the uncompressed size after it, which is not XZ padding.
        try (InputStream in = new SingleXZInputStream(new ByteArrayInputStream(image, (int) p.offset(), p.length()));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(vmlinux), 1 << 20)) {
            in.transferTo(out);
        }
        return Optional.of(vmlinux);
    }
}
