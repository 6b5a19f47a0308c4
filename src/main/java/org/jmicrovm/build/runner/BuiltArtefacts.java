package org.jmicrovm.build.runner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the build made for one VM, as absolute paths (usually store paths): everything a runner needs that
 * is not in the spec.
 *
 * @param kernelImage  the kernel as the boot loader protocol wants it: {@code bzImage} on x86_64,
 *                     {@code Image} on aarch64
 * @param kernelElf    the uncompressed ELF {@code vmlinux}, if built: cloud-hypervisor, firecracker and crosvm
 *                     need it on x86_64, and qemu prefers it (PVH boot skips decompression, seconds under TCG)
 * @param initrd       the initrd file
 * @param toplevel     the guest system; {@code init=<toplevel>/init} is appended to the kernel command line
 *                     unless {@code kernelParams} already sets {@code init=}
 * @param storeDisk    the store disk image, when {@code storeOnDisk}
 * @param hostStore    the host's store directory: a share whose source is {@code /nix/store} exports this
 * @param kernelParams parameters the build needs on the kernel command line (after the spec's)
 */
public record BuiltArtefacts(String kernelImage, Optional<String> kernelElf, String initrd, String toplevel,
                             Optional<String> storeDisk, String hostStore, List<String> kernelParams) {

    public BuiltArtefacts {
        absolute(kernelImage, "kernelImage");
        Objects.requireNonNull(kernelElf).ifPresent(p -> absolute(p, "kernelElf"));
        absolute(initrd, "initrd");
        absolute(toplevel, "toplevel");
        Objects.requireNonNull(storeDisk).ifPresent(p -> absolute(p, "storeDisk"));
        absolute(hostStore, "hostStore");
        kernelParams = List.copyOf(kernelParams);
    }

    private static void absolute(String path, String what) {
        Objects.requireNonNull(path, what);
        if (!path.startsWith("/")) throw new IllegalArgumentException(what + " must be an absolute path: " + path);
    }
}
