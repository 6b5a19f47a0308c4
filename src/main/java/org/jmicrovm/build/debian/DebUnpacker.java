package org.jmicrovm.build.debian;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks a {@code .deb} in Java: the {@code ar} container, {@code control.tar.*} and
 * {@code data.tar.*} compressed with xz, zstd, gzip, bzip2 or not at all. The data is written as
 * {@code dpkg-deb --fsys-tarfile | tar -x --keep-directory-symlink} writes it over a merged-/usr
 * skeleton: {@code bin}, {@code sbin}, {@code lib}… are symlinks into {@code usr/}, and entries
 * below them (also hard-link targets) land in {@code usr/}. Plain {@code dpkg-deb -x} would replace
 * those symlinks with directories. Modes (setuid too), symlinks, hard links and modification times
 * are kept; owners are not (the store is root's).
 */
public final class DebUnpacker {
    private DebUnpacker() {}

    /** The top-level directories that are symlinks into {@code usr/} on a merged-/usr system of this architecture. */
    public static List<String> mergedUsrDirs(String architecture) {
        return switch (architecture) {
            case "amd64" -> List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
            default -> List.of("bin", "sbin", "lib");
        };
    }

    /** Creates {@code usr/<d>} directories and the {@code <d> → usr/<d>} symlinks. */
    public static void mergedUsrSkeleton(Path root, String architecture) throws IOException {
        for (String d : mergedUsrDirs(architecture)) {
            Files.createDirectories(root.resolve("usr").resolve(d));
            Path link = root.resolve(d);
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("usr", d));
            }
        }
    }

    /**
     * Unpacks the data into {@code root} (after laying the merged-/usr skeleton), and, when
     * {@code controlDir} is given, the control members (control, md5sums, maintainer scripts) there,
     * as {@code dpkg-deb -e} would.
     */
    public static void unpack(Path deb, Path root, String architecture, Path controlDir) throws IOException {
        mergedUsrSkeleton(root, architecture);
        Set<String> merged = Set.copyOf(mergedUsrDirs(architecture));
        boolean sawData = false;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(deb), 1 << 16);
             ArArchiveInputStream ar = new ArArchiveInputStream(file)) {
            ArArchiveEntry e = ar.getNextEntry();
            if (e == null || !e.getName().equals("debian-binary")) {
                throw new IOException(deb + ": not a Debian package (first ar member is not debian-binary)");
            }
            String format = new String(ar.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (!format.startsWith("2.")) {
                throw new IOException(deb + ": unsupported .deb format " + format);
            }
            while ((e = ar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.startsWith("data.tar")) {
                    extract(deb, decompress(deb, name, ar), root, merged);
                    sawData = true;
                } else if (name.startsWith("control.tar") && controlDir != null) {
                    Files.createDirectories(controlDir);
                    extract(deb, decompress(deb, name, ar), controlDir, Set.of());
                }
            }
        }
        if (!sawData) {
            throw new IOException(deb + ": no data.tar member");
        }
    }

    private static InputStream decompress(Path deb, String member, InputStream ar) throws IOException {
        InputStream in = CloseShieldInputStream.wrap(ar);
        String ext = member.substring(member.indexOf(".tar") + ".tar".length());
        return switch (ext) {
            case ".xz" -> new XZInputStream(new BufferedInputStream(in, 1 << 16), -1);
            case ".zst" -> new ZstdInputStream(new BufferedInputStream(in, 1 << 16));
            case ".gz" -> new GZIPInputStream(in, 1 << 16);
            case ".bz2" -> new BZip2CompressorInputStream(in);
            case "" -> in;
            default -> throw new IOException(deb + ": member " + member + " uses a compression dpkg does not know");
        };
    }

    private record PendingDir(Path path, int mode, FileTime mtime) {}

    private static void extract(Path deb, InputStream data, Path root, Set<String> merged) throws IOException {
        List<PendingDir> dirs = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(data)) {
            TarArchiveEntry t;
            while ((t = tar.getNextEntry()) != null) {
                String rel = map(normalize(deb, t.getName()), merged);
                if (rel.isEmpty()) {
                    continue; // "./"
                }
                Path p = root.resolve(rel);
                Files.createDirectories(p.getParent());
                FileTime mtime = FileTime.from(t.getLastModifiedDate().toInstant());
                if (t.isDirectory()) {
                    if (!Files.isDirectory(p)) { // an existing directory, or a symlink to one, is kept
                        Files.createDirectory(p);
                    }
                    if (!Files.isSymbolicLink(p)) {
                        dirs.add(new PendingDir(p, t.getMode() & 07777, mtime));
                    }
                } else if (t.isSymbolicLink()) {
                    Files.deleteIfExists(p);
                    Files.createSymbolicLink(p, Path.of(t.getLinkName()));
                    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(mtime, null, null);
                } else if (t.isLink()) {
                    Path target = root.resolve(map(normalize(deb, t.getLinkName()), merged));
                    Files.deleteIfExists(p);
                    Files.createLink(p, target);
                } else if (t.isFile()) {
                    Files.deleteIfExists(p);
                    try {
                        Files.copy(tar, p);
                    } catch (FileAlreadyExistsException ex) {
                        throw new IOException(deb + ": " + rel + " appears twice", ex);
                    }
                    Files.setAttribute(p, "unix:mode", t.getMode() & 07777);
                    Files.setLastModifiedTime(p, mtime);
                } else {
                    throw new IOException("not supported by jmicrovm: " + deb.getFileName() + " contains " + rel
                            + ", a device, FIFO or other special file");
                }
            }
        }
        // deepest first, so a read-only directory never blocks writing into it
        for (int i = dirs.size() - 1; i >= 0; i--) {
            PendingDir d = dirs.get(i);
            Files.setAttribute(d.path(), "unix:mode", d.mode());
            Files.setLastModifiedTime(d.path(), d.mtime());
        }
    }

    private static String normalize(Path deb, String name) throws IOException {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.equals(".")) {
            return "";
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IOException(deb + ": member " + name + " escapes the package root; refusing it");
            }
        }
        return n;
    }

    /** {@code bin/x} → {@code usr/bin/x} for the merged directories; the directories themselves too. */
    static String map(String rel, Set<String> merged) {
        int slash = rel.indexOf('/');
        String top = slash < 0 ? rel : rel.substring(0, slash);
        return merged.contains(top) ? "usr/" + rel : rel;
    }
}
