package org.jmicrovm.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.guest.GuestSystem;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds guests and boots them under qemu (TCG). */
@Tag("vm")
class BootTest {
    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path state;

    private final MicroVmBuilder builder = new MicroVmBuilder(TestPackages.packages());

    private static GuestOs.Service oneshot(String script) {
        return new GuestOs.Service("report", script, GuestOs.ServiceType.ONESHOT, GuestOs.Restart.NO, 0,
                Optional.empty(), Map.of(), List.of(), List.of(), List.of("multi-user.target"));
    }

    @Test
    void theSeedsFullyDeclarativeExampleBootsWithTheStoreSharedOverVirtiofs() throws Exception {
        MicroVmSpec spec = MicroVmSpec.builder("my-microvm").mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of("my-microvm-virtiofs-ro-store.sock")))
                .guestOs(GuestOs.minimal().withServices(Map.of("report", oneshot(
                        "echo \"REPORT hostname=$(hostname)\"\necho \"REPORT store=$(ls " + TestPackages.store().root()
                                + " | grep -c microvm-system-my-microvm)\"\n"))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(vm.kernel().flavour().name()).isEqualTo("CLOUD");
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^" + GuestSystem.READY_MARKER + " my-microvm$", BOOT);
            assertThat(guest.console()).contains("REPORT hostname=my-microvm").contains("REPORT store=1");
            guest.powerdown();
            assertThat(guest.awaitExit(Duration.ofSeconds(10))).contains(0);
        }
    }
}
