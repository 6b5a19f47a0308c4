package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.store.StorePath;

/**
 * A kernel in the store, laid out as:
 * {@code bzImage} (x86_64) or {@code Image} (arm64, uncompressed), {@code vmlinux} (x86_64 only, when
 * the bzImage's payload could be unpacked to a PVH-bootable ELF), {@code config}, {@code System.map}, {@code release} (the {@code uname -r}) and
 * {@code lib/modules/<release>/} with a generated {@code modules.dep}.
 */
public record Kernel(StorePath path, KernelFlavour flavour, String release) {

    public static Kernel at(StorePath path, KernelFlavour flavour) throws IOException {
        String release = Files.readString(path.resolve("release")).strip();
        return new Kernel(path, flavour, release);
    }

    /** The x86 boot-protocol image; absent in an arm64 kernel (see {@link #image()}). */
    public Path bzImage() {
        return path.resolve("bzImage");
    }

    /** The image a boot loader takes: {@code bzImage} on x86_64, the arm64 {@code Image} on aarch64. */
    public Path image() {
        Path arm64 = path.resolve(ARM64_IMAGE);
        return Files.exists(arm64) ? arm64 : bzImage();
    }

    /** The file name of an arm64 kernel in the store, as qemu and the other VMMs call it. */
    public static final String ARM64_IMAGE = "Image";

    /** The ELF kernel for a PVH boot, when there is one. */
    public java.util.Optional<Path> vmlinux() {
        Path p = path.resolve("vmlinux");
        return Files.exists(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    /** What to hand qemu's {@code -kernel}: the PVH vmlinux if present (boots faster under TCG), else {@link #image()}. */
    public Path bootImage() {
        return vmlinux().orElse(image());
    }

    public Path modulesDir() {
        return path.resolve("lib/modules/" + release);
    }

    public ModulesDep modules() throws IOException {
        return ModulesDep.read(modulesDir());
    }
}
