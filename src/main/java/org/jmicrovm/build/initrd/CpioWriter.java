package org.jmicrovm.build.initrd;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as an initramfs. Entries get
 * owner root, mtime 0 and sequential inode numbers, so equal inputs give byte-identical archives.
 * Parent directories must be added before their entries (the kernel creates nothing implicitly).
 */
public final class CpioWriter implements Closeable {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;

    private final OutputStream out;
    private final Set<String> names = new HashSet<>();
    private long written;
    private int inode = 1;
    private boolean finished;

    public CpioWriter(OutputStream out) {
        this.out = out;
    }

    public void directory(String name, int perm) throws IOException {
        directory(name, perm, 0, 0);
    }

    /** A directory owned by {@code uid:gid} (cpio restores owners when it runs as root). */
    public void directory(String name, int perm, int uid, int gid) throws IOException {
        entry(name, S_IFDIR | perm, uid, gid, 2, new byte[0], 0, 0);
    }

    public void file(String name, int perm, byte[] data) throws IOException {
        file(name, perm, 0, 0, data);
    }

    public void file(String name, int perm, int uid, int gid, byte[] data) throws IOException {
        entry(name, S_IFREG | perm, uid, gid, 1, data, 0, 0);
    }

    public void symlink(String name, String target) throws IOException {
        entry(name, S_IFLNK | 0777, 0, 0, 1, target.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    /** A character device node, e.g. {@code dev/console} (5,1), which the kernel opens before /init runs. */
    public void charDevice(String name, int perm, int major, int minor) throws IOException {
        entry(name, S_IFCHR | perm, 0, 0, 1, new byte[0], major, minor);
    }

    private void entry(String name, int mode, int uid, int gid, int nlink, byte[] data, int rdevMajor, int rdevMinor)
            throws IOException {
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        if (name.startsWith("/") || name.isEmpty()) {
            throw new IllegalArgumentException("cpio names are relative: " + name);
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate cpio entry " + name);
        }
        writeHeader(name, mode, uid, gid, nlink, data.length, rdevMajor, rdevMinor);
        write(data);
        pad();
    }

    private void writeHeader(String name, int mode, int uid, int gid, int nlink, int size, int rdevMajor, int rdevMinor)
            throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        hex(h, inode++);
        hex(h, mode);
        hex(h, uid);
        hex(h, gid);
        hex(h, nlink);
        hex(h, 0); // mtime: fixed for reproducible archives
        hex(h, size);
        hex(h, 0); // devmajor
        hex(h, 0); // devminor
        hex(h, rdevMajor);
        hex(h, rdevMinor);
        hex(h, nameBytes.length + 1);
        hex(h, 0); // check
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        write(new byte[] {0});
        pad();
    }

    private static void hex(StringBuilder h, long v) {
        String s = Long.toHexString(v);
        h.append("0".repeat(8 - s.length())).append(s);
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    private void pad() throws IOException {
        int n = (int) ((4 - written % 4) % 4);
        if (n > 0) {
            write(new byte[n]);
        }
    }

    /** Writes the trailer; the stream stays open. */
    public void finish() throws IOException {
        if (!finished) {
            writeHeader("TRAILER!!!", 0, 0, 0, 1, 0, 0, 0);
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
