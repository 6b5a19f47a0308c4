package org.jmicrovm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.initrd.ModuleSignature;
import org.jmicrovm.build.pkgs.KernelFlavour;
import org.jmicrovm.model.Boot;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Builds (without booting) against the real package set; needs the locked .debs. */
@Tag("vm")
class MicroVmBuilderTest {
    private final MicroVmBuilder builder = new MicroVmBuilder(TestPackages.packages());

    private static MicroVmSpec.Builder vm(String name) {
        return MicroVmSpec.builder(name)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store", Optional.empty()));
    }

    @Test
    void anUnchangedVmRebuildsInWellUnderHalfASecondAndAnyChangeGivesNewPaths() {
        MicroVmSpec spec = vm("warm").volume(Volume.of("v.img", "/v", 8)).build();
        BuiltMicroVm cold = builder.build(spec);
        long t0 = System.nanoTime();
        BuiltMicroVm warm = builder.build(spec);
        long warmNanos = System.nanoTime() - t0;

        assertThat(warm.toplevel()).isEqualTo(cold.toplevel());
        assertThat(warm.initrd()).isEqualTo(cold.initrd());
        assertThat(warmNanos).as("warm rebuild").isLessThan(500_000_000L);

        BuiltMicroVm changed = builder.build(vm("warm").volume(Volume.of("v.img", "/w", 8)).build());
        assertThat(changed.toplevel()).isNotEqualTo(cold.toplevel());
    }

    @Test
    void theInitrdCarriesTheModulesTheVmNeedsAndTheirDependencies() throws Exception {
        BuiltMicroVm vm = builder.build(vm("mods").volume(Volume.of("v.img", "/v", 8)).build());
        String listing = Exec.check(null, List.of("sh", "-c", "zcat " + vm.initrd() + " | busybox cpio -t"));
        String mods = "lib/modules/" + vm.kernel().release() + "/";
        assertThat(listing.lines()).contains("init", "bin/busybox", "bin/mount", "bin/modprobe", "etc/fstab",
                "etc/fstab.sysroot", mods + "virtiofs.ko", mods + "fuse.ko", mods + "virtio_blk.ko",
                mods + "virtio_mmio.ko", mods + "button.ko", mods + "evdev.ko");
        // ext4 is built into the cloud kernel, 9p is not wanted
        assertThat(listing).doesNotContain("ext4.ko", "9p.ko");
        // busybox's modprobe loads them, dependencies first, from the initrd's modules.dep
        String dep = Exec.check(null, List.of("sh", "-c", "zcat " + vm.initrd() + " | busybox cpio -i --to-stdout "
                + mods + "modules.dep"));
        assertThat(dep.lines()).contains("virtiofs.ko: virtio.ko virtio_ring.ko fuse.ko", "fuse.ko:");
        String init = Exec.check(null, List.of("sh", "-c", "zcat " + vm.initrd() + " | busybox cpio -i --to-stdout init"));
        String load = Exec.check(null, List.of("sh", "-c", "zcat " + vm.initrd() + " | busybox cpio -i --to-stdout etc/modules"));
        assertThat(init).contains("modprobe -a $modules");
        assertThat(load.strip()).containsPattern("^virtio_ring virtio virtio_mmio [a-z_ ]*fuse virtiofs");

        // loaded without their signatures (hashing them is a quarter of stage 1 under TCG) ...
        Path fuse = vm.kernel().modulesDir().resolve("kernel/fs/fuse/fuse.ko");
        byte[] inInitrd = cpioMember(vm.initrd(), mods + "fuse.ko");
        assertThat(inInitrd).isEqualTo(ModuleSignature.strip(Files.readAllBytes(fuse)));
        assertThat(inInitrd.length).isLessThan((int) Files.size(fuse));
        // ... unless the kernel command line enforces them
        BuiltMicroVm enforcing = builder.build(vm("mods").volume(Volume.of("v.img", "/v", 8))
                .kernelParams("module.sig_enforce=1").build());
        assertThat(enforcing.initrd()).isNotEqualTo(vm.initrd());
        assertThat(cpioMember(enforcing.initrd(), mods + "fuse.ko")).isEqualTo(Files.readAllBytes(fuse));
    }

    private static byte[] cpioMember(Path initrd, String member) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "zcat \"$0\" | busybox cpio -i --to-stdout \"$1\"", initrd.toString(),
                member).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void theKernelFollowsTheFeaturesOrTheExplicitChoice() {
        MicroVmSpec nineP = MicroVmSpec.builder("p9")
                .share(Share.of(Share.Proto.NINE_P, "ro-store", "/nix/store", "/nix/.ro-store", Optional.empty())).build();
        assertThat(GuestFeatures.of(nineP).flavour("p9", "linux")).isEqualTo(KernelFlavour.GENERIC);
        assertThat(GuestFeatures.of(vm("v").build()).flavour("v", "linux")).isEqualTo(KernelFlavour.CLOUD);
        assertThat(GuestFeatures.of(vm("v").build()).flavour("v", "linux-generic")).isEqualTo(KernelFlavour.GENERIC);
        assertThatThrownBy(() -> GuestFeatures.of(nineP).flavour("p9", "linux-cloud"))
                .hasMessageContaining("MicroVM p9: microvm.kernel: the cloud kernel has no 9p");
        assertThatThrownBy(() -> builder.build(vm("k").boot(new Boot("linux_latest", Optional.empty(), List.of())).build()))
                .hasMessageContaining("unknown kernel package 'linux_latest'");
    }

    @Test
    void aVmWithoutAStoreShareOrDiskIsRefusedWithAHint() {
        MicroVmSpec spec = MicroVmSpec.builder("nostore").build();
        assertThatThrownBy(() -> builder.build(spec)).hasMessageContaining("microvm.storeOnDisk")
                .hasMessageContaining("source = \"/nix/store\"");
    }

    @Test
    void theStoreDiskHoldsTheGuestClosure() throws Exception {
        MicroVmSpec spec = MicroVmSpec.builder("disk").store(GuestStore.onErofsDisk())
                .guestOs(GuestOs.minimal().withServices(Map.of())).build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(vm.storeDisk()).isPresent();
        assertThat(TestPackages.store().closure(List.of(vm.toplevel())))
                .contains(TestPackages.packages().busybox(), vm.toplevel());
        String files = Exec.check(null, List.of("dump.erofs", "--ls", "--path=/", vm.storeDisk().get().toString()));
        assertThat(files).contains(vm.toplevel().baseName(), TestPackages.packages().busybox().baseName());
    }
}
