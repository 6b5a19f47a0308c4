package org.jmicrovm.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.build.pkgs.Kernel;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.store.StorePath;

/**
 * A MicroVM's guest, built: everything a runner needs to start it.
 *
 * @param spec         what was built
 * @param kernel       the kernel package in the store
 * @param initrd       the initrd file (in the store, or {@code microvm.initrdPath} when overridden)
 * @param toplevel     the guest system
 * @param storeDisk    the store disk image, when {@code microvm.storeOnDisk}
 * @param kernelParams parameters the build itself needs on the kernel command line, after the spec's
 *                     {@code boot.kernelParams} (none so far: the initrd is made for this VM)
 * @param storeDir     the host store directory, which a {@code source = "/nix/store"} share exports
 */
public record BuiltMicroVm(MicroVmSpec spec, Kernel kernel, Path initrd, StorePath toplevel,
                           Optional<Path> storeDisk, List<String> kernelParams, Path storeDir) {
    public BuiltMicroVm {
        kernelParams = List.copyOf(kernelParams);
    }

    /** What qemu's {@code -kernel} gets: a PVH {@code vmlinux} when there is one, else the bzImage (x86_64) or Image (aarch64). */
    public Path kernelImage() {
        return kernel.bootImage();
    }

    /** The guest's {@code init}, as passed with {@code init=}. */
    public Path init() {
        return toplevel.resolve("init");
    }

    /** The paths the runners need, in their terms. */
    public org.jmicrovm.build.runner.BuiltArtefacts artefacts() {
        return new org.jmicrovm.build.runner.BuiltArtefacts(kernel.image().toString(),
                kernel.vmlinux().map(Path::toString), initrd.toString(), toplevel.toString(),
                storeDisk.map(Path::toString), storeDir.toString(), kernelParams);
    }

    /** {@code microvm.kernelParams} as microvm.nix has it: boot.kernelParams, the build's, then {@code init=}. */
    public List<String> guestKernelParams() {
        List<String> out = new java.util.ArrayList<>(spec.boot().kernelParams());
        out.addAll(kernelParams);
        out.add("init=" + init());
        return out;
    }
}
