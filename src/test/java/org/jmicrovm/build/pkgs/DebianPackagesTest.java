package org.jmicrovm.build.pkgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.jmicrovm.build.TestPackages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Needs the locked .debs (fetched once into the deb cache), hence grouped with the VM tests. */
@Tag("vm")
class DebianPackagesTest {
    private final DebianPackages pkgs = TestPackages.packages();

    @Test
    void theGenericKernelIsUnpackedToAPvhVmlinuxWithAModuleTable() throws Exception {
        Kernel k = pkgs.kernel(KernelFlavour.GENERIC);
        assertThat(k.release()).isEqualTo("6.1.0-56-amd64");
        assertThat(k.vmlinux()).isPresent();
        assertThat(ElfFile.hasPvhEntry(k.vmlinux().get())).isTrue();
        assertThat(k.bootImage()).isEqualTo(k.vmlinux().get());

        ModulesDep dep = k.modules();
        List<String> order = dep.resolve(List.of("9p", "9pnet_virtio", "virtio_blk", "virtio_mmio"), k.release());
        assertThat(order).contains("kernel/fs/9p/9p.ko", "kernel/net/9p/9pnet_virtio.ko");
        // every module comes after what it needs
        assertThat(order.indexOf("kernel/drivers/virtio/virtio_ring.ko"))
                .isLessThan(order.indexOf("kernel/drivers/block/virtio_blk.ko"));
        assertThat(order.indexOf("kernel/net/9p/9pnet.ko")).isLessThan(order.indexOf("kernel/fs/9p/9p.ko"));
    }

    @Test
    void theCloudKernelKeepsItsLz4BzImageAndHasNo9p() throws Exception {
        Kernel k = pkgs.kernel(KernelFlavour.CLOUD);
        assertThat(k.vmlinux()).isEmpty();
        assertThat(BzImage.payload(Files.readAllBytes(k.bzImage())).compression()).isEqualTo(BzImage.Compression.LZ4);
        ModulesDep dep = k.modules();
        assertThat(dep.isBuiltin("ext4")).isTrue();
        assertThat(dep.resolve(List.of("ext4", "virtio_blk"), k.release()))
                .doesNotContain("kernel/fs/ext4/ext4.ko").contains("kernel/drivers/block/virtio_blk.ko");
        assertThatThrownBy(() -> dep.resolve(List.of("9p"), k.release()))
                .hasMessageContaining("6.1.0-56-cloud-amd64 has no module and no built-in driver for 9p");
    }

    @Test
    void busyboxIsUnpackedAndReusedFromTheStore() {
        long t0 = System.nanoTime();
        assertThat(Files.isExecutable(pkgs.busyboxBinary())).isTrue();
        pkgs.busybox();
        assertThat(pkgs.busybox()).isEqualTo(pkgs.busybox());
        assertThat(pkgs.busybox().name()).isEqualTo("busybox-static-1.35.0-4+deb12u1+b1");
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }

    @Test
    void theArm64CloudKernelIsAPlainImageWithVirtioModules() throws Exception {
        DebianPackages arm = TestPackages.packages("aarch64-linux");
        Kernel k = arm.kernel(KernelFlavour.CLOUD);
        assertThat(k.release()).isEqualTo("6.1.0-56-cloud-arm64");
        assertThat(k.path().name()).isEqualTo("linux-6.1.0-56-cloud-arm64-6.1.192-2");
        assertThat(k.vmlinux()).isEmpty();
        assertThat(k.bootImage()).isEqualTo(k.path().resolve("Image"));
        assertThat(Arm64Image.isImage(Files.readAllBytes(k.bootImage()))).isTrue();
        assertThat(k.modules().resolve(List.of("virtio_pci", "virtiofs"), k.release()))
                .contains("kernel/drivers/virtio/virtio_pci.ko", "kernel/fs/fuse/virtiofs.ko");
        assertThat(arm.busybox()).isNotEqualTo(pkgs.busybox());
    }
}
