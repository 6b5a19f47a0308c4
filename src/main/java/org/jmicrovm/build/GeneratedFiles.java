package org.jmicrovm.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small tree of generated files (scripts, /etc content) described as data, so it can be hashed
 * as the build's input and then written out. Paths are relative, with '/' separators.
 */
public final class GeneratedFiles {
    public sealed interface Node {}

    public record File(String content, int mode) implements Node {}

    public record Symlink(String target) implements Node {}

    private final SortedMap<String, Node> nodes = new TreeMap<>();

    public GeneratedFiles file(String path, String content, int mode) {
        put(path, new File(content, mode));
        return this;
    }

    public GeneratedFiles text(String path, String content) {
        return file(path, content, 0644);
    }

    public GeneratedFiles script(String path, String content) {
        return file(path, content, 0755);
    }

    public GeneratedFiles symlink(String path, String target) {
        put(path, new Symlink(target));
        return this;
    }

    private void put(String path, Node node) {
        if (path.startsWith("/") || path.contains("..") || path.isEmpty()) {
            throw new IllegalArgumentException("generated file paths are relative and stay inside: " + path);
        }
        if (nodes.putIfAbsent(path, node) != null) {
            throw new IllegalArgumentException("generated file " + path + " given twice");
        }
    }

    /** Drops a generated file, so that a declared one can take its place. */
    public GeneratedFiles remove(String path) {
        nodes.remove(path);
        return this;
    }

    public boolean contains(String path) {
        return nodes.containsKey(path);
    }

    public SortedMap<String, Node> nodes() {
        return Collections.unmodifiableSortedMap(nodes);
    }

    /** A text that changes whenever any path, content, mode or link target changes. */
    public String canonicalText() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            out.append(e.getKey().length()).append(':').append(e.getKey());
            switch (e.getValue()) {
                case File f -> out.append(" file ").append(Integer.toOctalString(f.mode())).append(' ')
                        .append(f.content().length()).append(':').append(f.content());
                case Symlink l -> out.append(" link ").append(l.target().length()).append(':').append(l.target());
            }
            out.append('\n');
        }
        return out.toString();
    }

    public void writeTo(Path root) throws IOException {
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Path target = root.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            switch (e.getValue()) {
                case File f -> {
                    Files.writeString(target, f.content(), StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(target, permissions(f.mode()));
                }
                case Symlink l -> Files.createSymbolicLink(target, Path.of(l.target()));
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                p.add(order[i]);
            }
        }
        return p;
    }
}
