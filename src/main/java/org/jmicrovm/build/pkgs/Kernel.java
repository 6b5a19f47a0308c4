package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.store.StorePath;

/**
 * A kernel in the store, laid out as:
 * {@code bzImage}, {@code vmlinux} (only when the bzImage's payload could be unpacked to a
 * PVH-bootable ELF), {@code config}, {@code System.map}, {@code release} (the {@code uname -r}) and
 * {@code lib/modules/<release>/} with a generated {@code modules.dep}.
 */
public record Kernel(StorePath path, KernelFlavour flavour, String release) {

    public static Kernel at(StorePath path, KernelFlavour flavour) throws IOException {
        String release = Files.readString(path.resolve("release")).strip();
        return new Kernel(path, flavour, release);
    }

    public Path bzImage() {
        return path.resolve("bzImage");
    }

    /** The ELF kernel for a PVH boot, when there is one. */
    public java.util.Optional<Path> vmlinux() {
        Path p = path.resolve("vmlinux");
        return Files.exists(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    /** What to hand qemu's {@code -kernel}: the PVH vmlinux if present (boots faster under TCG), else the bzImage. */
    public Path bootImage() {
        return vmlinux().orElse(bzImage());
    }

    public Path modulesDir() {
        return path.resolve("lib/modules/" + release);
    }

    public ModulesDep modules() throws IOException {
        return ModulesDep.read(modulesDir());
    }
}
