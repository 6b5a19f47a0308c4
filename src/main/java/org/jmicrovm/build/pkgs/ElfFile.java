package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few things jmicrovm reads from 64-bit little-endian ELF files: the {@code .modinfo} section
 * of kernel modules (their dependencies) and the notes of a kernel image (whether it has a PVH
 * entry point). Reads only headers and the wanted section, not whole files.
 */
public final class ElfFile {
    /** Xen's PVH entry-point note type (XEN_ELFNOTE_PHYS32_ENTRY). */
    static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    private ElfFile() {}

    /** The {@code key=value} strings of a module's {@code .modinfo} section, in order (keys may repeat). */
    public static List<Map.Entry<String, String>> modinfo(Path ko) throws IOException {
        try (FileChannel ch = FileChannel.open(ko, StandardOpenOption.READ)) {
            ByteBuffer eh = read(ch, 0, 64, ko);
            checkHeader(eh, ko);
            long shoff = eh.getLong(0x28);
            int shentsize = Short.toUnsignedInt(eh.getShort(0x3A));
            int shnum = Short.toUnsignedInt(eh.getShort(0x3C));
            int shstrndx = Short.toUnsignedInt(eh.getShort(0x3E));
            ByteBuffer sh = read(ch, shoff, (long) shentsize * shnum, ko);
            long strOff = sh.getLong(shstrndx * shentsize + 0x18);
            long strSize = sh.getLong(shstrndx * shentsize + 0x20);
            ByteBuffer names = read(ch, strOff, strSize, ko);
            for (int i = 0; i < shnum; i++) {
                int base = i * shentsize;
                if (".modinfo".equals(cString(names, sh.getInt(base)))) {
                    ByteBuffer data = read(ch, sh.getLong(base + 0x18), sh.getLong(base + 0x20), ko);
                    return splitStrings(data);
                }
            }
            return List.of();
        }
    }

    /** The values of one key in a module's {@code .modinfo}, e.g. {@code depends}. */
    public static Optional<String> modinfoValue(Path ko, String key) throws IOException {
        return modinfo(ko).stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
    }

    /** Whether an executable has a PVH entry note, i.e. qemu can boot it directly with -kernel. */
    public static boolean hasPvhEntry(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer eh = read(ch, 0, 64, file);
            checkHeader(eh, file);
            long phoff = eh.getLong(0x20);
            int phentsize = Short.toUnsignedInt(eh.getShort(0x36));
            int phnum = Short.toUnsignedInt(eh.getShort(0x38));
            ByteBuffer ph = read(ch, phoff, (long) phentsize * phnum, file);
            for (int i = 0; i < phnum; i++) {
                int base = i * phentsize;
                if (ph.getInt(base) != 4) { // PT_NOTE
                    continue;
                }
                ByteBuffer notes = read(ch, ph.getLong(base + 0x08), ph.getLong(base + 0x20), file);
                int pos = 0;
                while (pos + 12 <= notes.limit()) {
                    int namesz = notes.getInt(pos);
                    int descsz = notes.getInt(pos + 4);
                    int type = notes.getInt(pos + 8);
                    String name = cString(notes, pos + 12);
                    if ("Xen".equals(name) && type == XEN_ELFNOTE_PHYS32_ENTRY) {
                        return true;
                    }
                    pos += 12 + align4(namesz) + align4(descsz);
                }
            }
            return false;
        }
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static void checkHeader(ByteBuffer eh, Path file) throws IOException {
        if (eh.getInt(0) != 0x464c457f || eh.get(4) != 2 || eh.get(5) != 1) {
            throw new IOException(file + " is not a 64-bit little-endian ELF file");
        }
    }

    private static ByteBuffer read(FileChannel ch, long offset, long size, Path file) throws IOException {
        if (size < 0 || size > 64L << 20 || offset < 0 || offset + size > ch.size()) {
            throw new IOException(file + ": ELF structure out of bounds (offset " + offset + ", size " + size + ")");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                throw new IOException(file + ": unexpected end of file");
            }
        }
        return buf.flip();
    }

    private static String cString(ByteBuffer buf, int at) {
        int end = at;
        while (end < buf.limit() && buf.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - at];
        buf.get(at, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<Map.Entry<String, String>> splitStrings(ByteBuffer data) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.limit()) {
            String s = cString(data, pos);
            pos += s.getBytes(StandardCharsets.UTF_8).length + 1;
            int eq = s.indexOf('=');
            if (eq > 0) {
                out.add(Map.entry(s.substring(0, eq), s.substring(eq + 1)));
            }
        }
        return out;
    }

    static Map<String, String> firstValues(List<Map.Entry<String, String>> info) {
        Map<String, String> out = new LinkedHashMap<>();
        info.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }
}
