package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jmicrovm.build.debian.DebUnpacker;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.FileTrees;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StoreName;
import org.jmicrovm.store.StorePath;

/**
 * The built-in package set for one architecture: Debian packages from the lock, fetched into the
 * deb cache and unpacked in Java ({@link DebUnpacker}, merged /usr; never installed) into store paths. Each store path's
 * hash covers the .deb's SHA-256, so a new lock entry gives a new path and an unchanged one is
 * reused without touching the .deb.
 */
public final class DebianPackages {
    /** The kernel ABI the lock pins. */
    public static final String KERNEL_ABI = "6.1.0-56";
    private static final String KERNEL_BUILDER = "jmicrovm-kernel/2";
    private static final String UNPACK_BUILDER = "jmicrovm-deb-unpack/2";

    private final Store store;
    private final PackageLock lock;
    private final DebCache cache;
    private final String architecture;
    private final Progress progress;

    public DebianPackages(Store store, PackageLock lock, DebCache cache, String system, Progress progress) {
        this.store = store;
        this.lock = lock;
        this.cache = cache;
        this.architecture = debianArchitecture(system);
        this.progress = progress;
    }

    /** Maps a Nix system name to Debian's architecture name. */
    public static String debianArchitecture(String system) {
        return switch (system) {
            case "x86_64-linux" -> "amd64";
            case "aarch64-linux" -> "arm64";
            default -> throw new IllegalArgumentException("unknown system '" + system
                    + "'; jmicrovm builds guests for x86_64-linux and aarch64-linux");
        };
    }

    public Store store() {
        return store;
    }

    /** A package unpacked as-is: its files below the store path, as they would be below /. */
    public StorePath unpacked(String packageName) {
        LockedDeb deb = lock.require(architecture, packageName);
        BuildInputs inputs = BuildInputs.named(StoreName.sanitize(deb.name() + "-" + deb.versionWithoutEpoch()),
                        UNPACK_BUILDER)
                .input("deb-sha256", deb.sha256())
                .input("architecture", deb.architecture())
                .build();
        return store.build(inputs, out -> dpkgExtract(cache.get(deb), out));
    }

    /** busybox-static; {@code bin/busybox} inside. */
    public StorePath busybox() {
        return unpacked("busybox-static");
    }

    public Path busyboxBinary() {
        return busybox().resolve("bin/busybox");
    }

    /** The Debian architecture of this package set ({@code amd64}, {@code arm64}). */
    public String architecture() {
        return architecture;
    }

    public Kernel kernel(KernelFlavour flavour) {
        LockedDeb deb = lock.require(architecture, flavour.packageName(KERNEL_ABI, architecture));
        // amd64 kernels keep their original names (and so their store paths); others name their architecture
        String arch = architecture.equals("amd64") ? "" : "-" + architecture;
        BuildInputs inputs = BuildInputs.named(StoreName.sanitize("linux-" + KERNEL_ABI + "-"
                                + flavour.name().toLowerCase(java.util.Locale.ROOT) + arch + "-" + deb.versionWithoutEpoch()),
                        KERNEL_BUILDER)
                .input("deb-sha256", deb.sha256())
                .input("flavour", flavour.name())
                .build();
        StorePath path = store.build(inputs, out -> assembleKernel(deb, out));
        try {
            return Kernel.at(path, flavour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assembleKernel(LockedDeb deb, Path out) throws IOException {
        Path unpack = out.resolve(".unpack");
        Files.createDirectories(unpack);
        Path file = cache.get(deb);
        progress.report("unpacking " + deb + " …");
        dpkgExtract(file, unpack);
        Path boot = unpack.resolve("boot");
        Path vmlinuz = single(boot, "vmlinuz-*");
        String release = vmlinuz.getFileName().toString().substring("vmlinuz-".length());
        if (architecture.equals("arm64")) {
            Arm64Image.writePlain(vmlinuz, out.resolve(Kernel.ARM64_IMAGE));
            Files.delete(vmlinuz);
        } else {
            Files.move(vmlinuz, out.resolve("bzImage"));
        }
        Files.move(single(boot, "config-*"), out.resolve("config"));
        Files.move(single(boot, "System.map-*"), out.resolve("System.map"));
        Files.writeString(out.resolve("release"), release + "\n");
        Files.createDirectories(out.resolve("lib/modules"));
        Path modules = out.resolve("lib/modules/" + release);
        Files.move(unpack.resolve("lib/modules/" + release), modules, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.deleteRecursively(unpack);
        ModulesDep.generate(modules);
        if (architecture.equals("arm64")) {
            return; // an arm64 Image boots as it is; PVH is an x86 protocol
        }
        Path vmlinux = out.resolve("vmlinux");
        if (BzImage.extractVmlinux(out.resolve("bzImage"), vmlinux).isPresent()) {
            if (!ElfFile.hasPvhEntry(vmlinux)) {
                // qemu could not boot it directly; keep only the bzImage
                Files.delete(vmlinux);
            } else {
                progress.report("unpacked " + release + " to a PVH vmlinux");
            }
        }
    }

    private static Path single(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            List<Path> found = new java.util.ArrayList<>();
            ds.forEach(found::add);
            if (found.size() != 1) {
                throw new IOException("expected one " + glob + " in " + dir + ", found " + found.size());
            }
            return found.get(0);
        }
    }

    private void dpkgExtract(Path deb, Path target) throws IOException {
        DebUnpacker.unpack(deb, target, architecture, null);
    }
}
