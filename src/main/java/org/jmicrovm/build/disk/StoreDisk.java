package org.jmicrovm.build.disk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jmicrovm.build.Exec;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.FileTrees;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;

/**
 * {@code microvm.storeOnDisk}: the guest's closure as a read-only disk image whose root holds the
 * store paths, made with {@code mkfs.erofs} (labelled {@code nix-store}) or {@code mksquashfs}.
 * The store path holds one file, {@code store.img}.
 */
public final class StoreDisk {
    private static final String BUILDER = "jmicrovm-store-disk/1";

    private StoreDisk() {}

    public static StorePath build(Store store, String hostName, Collection<StorePath> roots, GuestStore options) {
        SortedSet<StorePath> closure = store.closure(roots);
        List<String> flags = switch (options.storeDiskType()) {
            case EROFS -> options.erofsFlags();
            case SQUASHFS -> squashfsFlags(options.squashfsFlags());
        };
        BuildInputs.Builder in = BuildInputs.named("microvm-store-disk-" + hostName, BUILDER)
                .input("type", options.storeDiskType().nixName())
                .input("flags", String.join("\u0000", flags));
        closure.forEach(in::buildInput);
        return store.build(in.build(), out -> {
            Path stage = out.resolve(".stage");
            Files.createDirectories(stage);
            for (StorePath p : closure) {
                linkTree(p.path(), stage.resolve(p.baseName()));
            }
            Path image = out.resolve("store.img");
            List<String> cmd = new ArrayList<>();
            switch (options.storeDiskType()) {
                case EROFS -> {
                    cmd.addAll(List.of("mkfs.erofs", "--quiet", "--all-root", "-T0"));
                    cmd.addAll(flags);
                    cmd.addAll(List.of(image.toString(), stage.toString()));
                }
                case SQUASHFS -> {
                    cmd.addAll(List.of("mksquashfs", stage.toString(), image.toString(), "-noappend", "-all-root",
                            "-quiet", "-no-progress", "-mkfs-time", "0", "-all-time", "0"));
                    cmd.addAll(flags);
                }
            }
            Exec.check(null, cmd);
            if (options.storeDiskType() == GuestStore.StoreDiskType.EROFS) {
                ErofsLabel.set(image, StoreMount.FromDisk.LABEL);
            }
            FileTrees.deleteRecursively(stage);
        });
    }

    /** microvm.nix's flags are gensquashfs's; mksquashfs spells them differently. */
    static List<String> squashfsFlags(List<String> flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            boolean hasArg = i + 1 < flags.size();
            switch (f) {
                case "-c", "--compressor" -> {
                    out.add("-comp");
                    if (hasArg) {
                        out.add(flags.get(++i));
                    }
                }
                case "-j", "--num-jobs" -> {
                    out.add("-processors");
                    if (hasArg) {
                        String n = flags.get(++i);
                        out.add(n.startsWith("$") ? String.valueOf(Runtime.getRuntime().availableProcessors()) : n);
                    }
                }
                default -> out.add(f);
            }
        }
        return out;
    }

    /** Hard links every file (same file system as the store), recreating directories and symlinks. */
    private static void linkTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    Files.createLink(target, file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

}
