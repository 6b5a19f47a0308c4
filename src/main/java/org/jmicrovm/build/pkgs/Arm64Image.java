package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The arm64 kernel {@code Image} format (Documentation/arch/arm64/booting.rst): a 64-byte header whose
 * bytes 56..59 are the magic {@code "ARM\x64"}. Debian's signed arm64 kernels ship it uncompressed
 * (an EFI-stub PE that is also an Image); some distributions gzip it. qemu's {@code -kernel} can unpack
 * a gzipped Image, but other VMMs (cloud-hypervisor, firecracker) cannot, so the store always holds the
 * plain one.
 */
public final class Arm64Image {
    private static final int MAGIC_OFFSET = 56;
    private static final byte[] MAGIC = {'A', 'R', 'M', 0x64};

    private Arm64Image() {}

    /** Whether {@code header} (at least its first 64 bytes) is an uncompressed arm64 Image. */
    public static boolean isImage(byte[] header) {
        if (header.length < MAGIC_OFFSET + MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[MAGIC_OFFSET + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code source} to {@code target} as a plain Image, unpacking it if it is gzipped.
     *
     * @throws IOException if the result is not an arm64 Image (say, an x86 bzImage in an arm64 package)
     */
    public static void writePlain(Path source, Path target) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(source)) {
            head = in.readNBytes(64);
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(source), 1 << 16);
                 OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
        } else {
            Files.copy(source, target);
        }
        try (InputStream in = Files.newInputStream(target)) {
            if (!isImage(in.readNBytes(64))) {
                throw new IOException(source + " is not an arm64 kernel Image (no \"ARM\\x64\" magic at byte 56"
                        + (gzip ? " after gunzip" : "") + ")");
            }
        }
    }
}
