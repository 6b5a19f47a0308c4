package org.jmicrovm.lang.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Nix's store path arithmetic for source paths: the NAR serialisation of a file tree, its
 * SHA-256, and the "source" store path derived from it ({@code /nix/store/<hash>-<name>}).
 */
public final class StorePaths {

    public static final String STORE_DIR = "/nix/store";

    private static final String BASE32_CHARS = "0123456789abcdfghijklmnpqrsvwxyz";

    private StorePaths() {}

    /** A {@link StoreAdapter} that computes the store path and copies nothing. */
    public static StoreAdapter computeOnly() {
        return StorePaths::sourcePath;
    }

    /** The store path {@code nix-store --add} (recursive, sha256) would give {@code source}. */
    public static String sourcePath(Path source) {
        byte[] narHash = sha256(nar(source));
        String name = source.getFileName() == null ? "source" : source.getFileName().toString();
        return makeStorePath("source", narHash, name);
    }

    /** {@code makeStorePath(type, hash, name)} as Nix computes it. */
    public static String makeStorePath(String type, byte[] sha256, String name) {
        String s = type + ":sha256:" + HexFormat.of().formatHex(sha256) + ":" + STORE_DIR + ":" + name;
        byte[] h = compress(sha256(s.getBytes(StandardCharsets.UTF_8)), 20);
        return STORE_DIR + "/" + base32(h) + "-" + name;
    }

    /** Nix's base-32 encoding (its own alphabet, least significant bits first). */
    public static String base32(byte[] hash) {
        int len = (hash.length * 8 - 1) / 5 + 1;
        StringBuilder s = new StringBuilder(len);
        for (int n = len - 1; n >= 0; n--) {
            int b = n * 5;
            int i = b / 8;
            int j = b % 8;
            int c = (hash[i] & 0xff) >> j;
            if (i < hash.length - 1) {
                c |= (hash[i + 1] & 0xff) << (8 - j);
            }
            s.append(BASE32_CHARS.charAt(c & 0x1f));
        }
        return s.toString();
    }

    static byte[] compress(byte[] hash, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < hash.length; i++) {
            out[i % size] ^= hash[i];
        }
        return out;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decides which entries below the root go into a NAR ({@code builtins.path}'s filter). */
    @FunctionalInterface
    public interface Filter {
        /** @param type "regular", "directory", "symlink" or "unknown", as Nix passes it */
        boolean include(Path path, String type);
    }

    /** The NAR (Nix ARchive) serialisation of a file, directory or symlink. */
    public static byte[] nar(Path path) {
        return nar(path, (p, t) -> true);
    }

    /** The NAR of a tree with only the entries {@code filter} accepts (the root is always included). */
    public static byte[] nar(Path path, Filter filter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeString(out, "nix-archive-1");
            writeNode(out, path, filter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The "source" store path of a (filtered) tree named {@code name}. */
    public static String sourcePath(Path source, String name, Filter filter) {
        return makeStorePath("source", sha256(nar(source, filter)), name);
    }

    /** The store path of a single file added by content ({@code recursive = false}). */
    public static String flatPath(byte[] fileSha256, String name) {
        String inner = "fixed:out:sha256:" + HexFormat.of().formatHex(fileSha256) + ":";
        return makeStorePath("output:out", sha256(inner.getBytes(StandardCharsets.UTF_8)), name);
    }

    /** The type name Nix gives a directory entry. */
    public static String fileType(Path p) {
        if (Files.isSymbolicLink(p)) {
            return "symlink";
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "directory";
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "regular" : "unknown";
    }

    private static void writeNode(ByteArrayOutputStream out, Path path, Filter filter) throws IOException {
        writeString(out, "(");
        if (Files.isSymbolicLink(path)) {
            writeString(out, "type");
            writeString(out, "symlink");
            writeString(out, "target");
            writeString(out, Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            writeString(out, "type");
            writeString(out, "directory");
            List<Path> entries = new ArrayList<>();
            try (Stream<Path> s = Files.list(path)) {
                s.forEach(entries::add);
            }
            entries.sort((a, b) -> compareBytes(a.getFileName().toString(), b.getFileName().toString()));
            for (Path entry : entries) {
                if (!filter.include(entry, fileType(entry))) {
                    continue;
                }
                writeString(out, "entry");
                writeString(out, "(");
                writeString(out, "name");
                writeString(out, entry.getFileName().toString());
                writeString(out, "node");
                writeNode(out, entry, filter);
                writeString(out, ")");
            }
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            writeString(out, "type");
            writeString(out, "regular");
            if (ownerExecutable(path)) {
                writeString(out, "executable");
                writeString(out, "");
            }
            writeString(out, "contents");
            writeBytes(out, Files.readAllBytes(path));
        } else if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        } else {
            throw new IOException("file '" + path + "' has an unsupported type");
        }
        writeString(out, ")");
    }

    private static boolean ownerExecutable(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(path);
        }
    }

    private static int compareBytes(String a, String b) {
        return ByteStrings.fromText(a).compareTo(ByteStrings.fromText(b));
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        long n = bytes.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (n >>> (8 * i)) & 0xff);
        }
        out.write(bytes, 0, bytes.length);
        int pad = (int) ((8 - n % 8) % 8);
        for (int i = 0; i < pad; i++) {
            out.write(0);
        }
    }
}
