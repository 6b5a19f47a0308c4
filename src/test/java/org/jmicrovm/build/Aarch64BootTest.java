package org.jmicrovm.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.guest.GuestSystem;
import org.jmicrovm.build.pkgs.Arm64Image;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Share;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An aarch64-linux guest, built from Debian's arm64 packages and booted under qemu-system-aarch64's
 * emulation (TCG on an x86 host: several times slower than an x86 guest, hence the longer timeout).
 */
@Tag("vm")
class Aarch64BootTest {
    private static final Duration BOOT = Duration.ofSeconds(180);

    @TempDir
    Path state;

    @Test
    void theSeedStyleVmBootsOnArm64WithTheStoreOverVirtiofs() throws Exception {
        String report = "echo \"REPORT arch=$(uname -m)\"\n"
                + "echo \"REPORT hostname=$(hostname)\"\n"
                + "echo \"REPORT system=$(readlink /run/current-system)\"\n"
                + "echo written-in-arm64-guest > /shared/from-guest.txt\n";
        MicroVmSpec spec = MicroVmSpec.builder("arm-vm").platform(Platform.AARCH64_LINUX).mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of("arm-vm-virtiofs-ro-store.sock")))
                .share(Share.of(Share.Proto.VIRTIOFS, "shared", "shared", "/shared",
                        Optional.of("arm-vm-virtiofs-shared.sock")))
                .guestOs(GuestOs.minimal().withServices(Map.of("report", new GuestOs.Service("report", report,
                        GuestOs.ServiceType.ONESHOT, GuestOs.Restart.NO, 0, Optional.empty(), Map.of(), List.of(),
                        List.of(), List.of("multi-user.target")))))
                .build();
        BuiltMicroVm vm = new MicroVmBuilder(TestPackages.packages("aarch64-linux")).build(spec);

        // the generic kernel: the cloud one has no gpio-keys, the power button of qemu's virt machine
        assertThat(vm.kernel().flavour().name()).isEqualTo("GENERIC");
        assertThat(vm.kernelImage().getFileName().toString()).isEqualTo("Image");
        assertThat(Arm64Image.isImage(Files.readAllBytes(vm.kernelImage()))).isTrue();
        assertThat(vm.kernel().release()).isEqualTo("6.1.0-56-arm64");
        // the guest's busybox is the arm64 one: an aarch64 ELF (e_machine 183)
        byte[] elf = Files.readAllBytes(TestPackages.packages("aarch64-linux").busyboxBinary());
        assertThat(Files.readString(vm.toplevel().resolve("init")))
                .contains(TestPackages.packages("aarch64-linux").busyboxBinary().toString());
        assertThat(elf[18] & 0xff | (elf[19] & 0xff) << 8).isEqualTo(183);

        Files.createDirectories(state.resolve("shared"));
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^" + GuestSystem.READY_MARKER + " arm-vm$", BOOT);
            assertThat(guest.console()).contains("REPORT arch=aarch64", "REPORT hostname=arm-vm",
                    "REPORT system=" + vm.toplevel());
            // bin/microvm-shutdown presses the power button: busybox acpid sees KEY_POWER from gpio-keys
            assertThat(guest.shutdown()).as("microvm-shutdown exit status").isZero();
            assertThat(guest.awaitExit(Duration.ofSeconds(30))).as("qemu exits after microvm-shutdown").contains(0);
        }
        assertThat(Files.readString(state.resolve("shared/from-guest.txt"))).isEqualTo("written-in-arm64-guest\n");
    }
}
