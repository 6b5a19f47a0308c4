package org.jmicrovm.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.jmicrovm.model.Boot;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.QemuOptions;
import org.jmicrovm.model.Share;
import org.junit.jupiter.api.Test;

/** Which modules stage 1 loads, and the kernel parameters the build adds (no packages needed). */
class GuestFeaturesTest {

    private static MicroVmSpec.Builder vm() {
        return MicroVmSpec.builder("m")
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store", Optional.of("m.sock")));
    }

    @Test
    void qemusMicrovmMachineGetsVirtioMmioOnly() {
        assertThat(GuestFeatures.of(vm().build()).modules())
                .contains("virtio_mmio", "virtio_rng", "button", "evdev", "virtiofs")
                .doesNotContain("virtio_pci");
    }

    @Test
    void qemuLoadsVirtioConsoleOnlyForTheInteractiveConsoleSocketAndOnlyAfterTheGuestIsReady() {
        GuestFeatures with = GuestFeatures.of(vm().build());
        assertThat(with.modules()).doesNotContain("virtio_console");
        assertThat(with.lateModules()).containsExactly("virtio_console");
        MicroVmSpec without = vm().qemu(QemuOptions.defaults(Platform.X86_64_LINUX).withConsoleSocket(false)).build();
        assertThat(GuestFeatures.of(without).modules()).doesNotContain("virtio_console");
        assertThat(GuestFeatures.of(without).lateModules()).isEmpty();
    }

    @Test
    void aPciMachineGetsVirtioPci() {
        MicroVmSpec q35 = vm().qemu(QemuOptions.defaults(Platform.X86_64_LINUX).withMachine("q35")
                .withConsoleSocket(false)).build();
        assertThat(GuestFeatures.of(q35).modules()).contains("virtio_mmio", "virtio_pci").doesNotContain("virtio_console");
    }

    @Test
    void anAarch64GuestOnQemusVirtMachineGetsTheGenericKernelForItsGpioPowerButton() {
        GuestFeatures arm = GuestFeatures.of(vm().platform(Platform.AARCH64_LINUX).build());
        assertThat(arm.flavour("m", "linux")).isEqualTo(org.jmicrovm.build.pkgs.KernelFlavour.GENERIC);
        assertThat(arm.modules()).contains("virtio_pci", "virtiofs", "gpio_keys", "evdev");
        // forced onto the cloud kernel, which has no gpio-keys driver: the initrd must not ask for it
        assertThat(arm.flavour("m", "linux-cloud")).isEqualTo(org.jmicrovm.build.pkgs.KernelFlavour.CLOUD);
        assertThat(arm.modules(org.jmicrovm.build.pkgs.KernelFlavour.CLOUD)).doesNotContain("gpio_keys");
        assertThat(GuestFeatures.of(vm().build()).modules()).doesNotContain("gpio_keys");
    }

    @Test
    void anErofsStoreDiskLoadsTheCrc32cHashFirstBecauseLibcrc32cLooksItUp() {
        MicroVmSpec arm = MicroVmSpec.builder("m").platform(Platform.AARCH64_LINUX)
                .store(org.jmicrovm.model.GuestStore.onErofsDisk()).build();
        assertThat(GuestFeatures.of(arm).modules()).containsSubsequence("crc32c_generic", "erofs");
    }

    @Test
    void otherHypervisorsKeepEveryTransport() {
        MicroVmSpec ch = vm().hypervisor(Hypervisor.CLOUD_HYPERVISOR).build();
        assertThat(GuestFeatures.of(ch).modules()).contains("virtio_mmio", "virtio_pci", "virtio_console");
    }

    @Test
    void theConsoleLogLevelIsNixOssAndCryptoSelfTestsAreSkippedUnlessTheVmSaysOtherwise() {
        assertThat(MicroVmBuilder.guestParams(vm().build())).containsExactly("loglevel=4", "cryptomgr.notests");
        assertThat(MicroVmBuilder.guestParams(vm().kernelParams("loglevel=7").build()))
                .containsExactly("cryptomgr.notests");
        assertThat(MicroVmBuilder.guestParams(vm().kernelParams("quiet").build())).containsExactly("cryptomgr.notests");
        assertThat(MicroVmBuilder.guestParams(vm().kernelParams("cryptomgr.notests=0", "quiet").build())).isEmpty();
    }
}
