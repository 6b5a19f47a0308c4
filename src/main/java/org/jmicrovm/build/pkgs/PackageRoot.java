package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jmicrovm.build.debian.DebUnpacker;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StoreName;
import org.jmicrovm.store.StorePath;

/**
 * The merged root tree of a package closure: every package's files hard-linked into one tree with
 * merged /usr (no copies), plus what the packages' maintainer scripts would have written, done
 * declaratively by {@link MaintainerScriptSubstitutes}: {@code /etc/passwd} and {@code /etc/group},
 * alternatives links, the CA bundle, {@code /run} and {@code /tmp}. It refers to every package path,
 * so a guest's store closure carries them too (hard links cost nothing on a store disk).
 *
 * @param passwd the tree's {@code /etc/passwd}, for the guest system to merge with {@code users.users}
 * @param group  the tree's {@code /etc/group}
 */
public record PackageRoot(StorePath path, List<String> roots, String passwd, String group) {
    private static final String BUILDER = "jmicrovm-debian-root/3";

    /** A package of the closure and its unpacked store path. */
    public record Member(String name, StorePath path) {}

    static PackageRoot build(Store store, List<String> roots, List<Member> members, StorePath basePasswd,
                             String architecture) throws IOException {
        String name = "debian-root-" + String.join("+", roots);
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        BuildInputs.Builder in = BuildInputs.named(StoreName.sanitize(name), BUILDER)
                .input("architecture", architecture)
                .input("packages", String.join("\n", members.stream().map(m -> m.name()).toList()))
                .buildInput(basePasswd);
        members.forEach(m -> in.reference(m.path()));
        StorePath out = store.build(in.build(), dir -> {
            DebUnpacker.mergedUsrSkeleton(dir, architecture);
            Set<String> skeleton = Set.copyOf(DebUnpacker.mergedUsrDirs(architecture));
            TreeMap<String, String> owners = new TreeMap<>();
            for (Member m : members) {
                link(m, dir, skeleton, owners);
            }
            MaintainerScriptSubstitutes.apply(dir, members, basePasswd, architecture);
        });
        return new PackageRoot(out, List.copyOf(roots),
                Files.readString(out.resolve("etc/passwd"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("etc/group"), StandardCharsets.UTF_8));
    }

    /** Hard-links one package into the tree; a path two packages ship with different content is an error. */
    private static void link(Member m, Path out, Set<String> skeleton, TreeMap<String, String> owners)
            throws IOException {
        Path src = m.path().path();
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Path rel = src.relativize(d);
                if (rel.toString().equals("DEBIAN")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path target = out.resolve(rel.toString());
                if (Files.isSymbolicLink(target) || Files.exists(target) && !Files.isDirectory(target)) {
                    throw conflict(rel, m, owners);
                }
                Files.createDirectories(target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path rel = src.relativize(f);
                if (rel.getNameCount() == 1 && skeleton.contains(rel.toString()) && attrs.isSymbolicLink()) {
                    return FileVisitResult.CONTINUE; // the merged-/usr links, already in the tree
                }
                Path target = out.resolve(rel.toString());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (!same(f, target)) {
                        throw conflict(rel, m, owners);
                    }
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(f));
                } else {
                    Files.createLink(target, f);
                }
                owners.put(rel.toString(), m.name());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean same(Path a, Path b) throws IOException {
        boolean la = Files.isSymbolicLink(a);
        if (la != Files.isSymbolicLink(b)) {
            return false;
        }
        if (la) {
            return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
        }
        return Files.isRegularFile(b) && Files.mismatch(a, b) == -1
                && Files.getAttribute(a, "unix:mode").equals(Files.getAttribute(b, "unix:mode"));
    }

    private static IOException conflict(Path rel, Member m, TreeMap<String, String> owners) {
        return new IOException("packages " + owners.getOrDefault(rel.toString(), "?") + " and " + m.name()
                + " both ship /" + rel + " with different content; dpkg would refuse to install both"
                + " (hint: leave one of them out of environment.systemPackages)");
    }

    /** The tree's tmpfiles.d lines (packages' and /etc's), for the guest to apply at boot. */
    public TmpFiles tmpFiles() {
        try {
            return TmpFiles.of(path.path());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Path resolve(String relative) {
        return path.resolve(relative);
    }

    /** The names of the accounts in the tree's {@code /etc/passwd}. */
    public List<String> accountNames() {
        List<String> out = new ArrayList<>();
        for (String line : passwd.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.substring(0, line.indexOf(':')));
            }
        }
        return out;
    }
}
