package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.ProcessRecord;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful and forced shutdown of real guests the way the host runs them: built by {@link VmBuilds},
 * installed into a state directory, started and stopped by the supervisor's {@link VmRuntime}.
 */
@Tag("vm")
class ShutdownBootTest {
    private static final Duration BOOT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private VmRuntime runtime;

    @AfterEach
    void stopLeftovers() throws IOException {
        if (runtime != null && runtime.isRunning()) {
            runtime.stop(Duration.ofSeconds(1));
        }
    }

    /** The seed's VM (store over virtiofs), installed as {@code switch} would, with the given services. */
    private VmDirectory install(String name, Map<String, GuestOs.Service> services) throws IOException {
        MicroVmSpec spec = MicroVmSpec.builder(name).mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of(name + "-virtiofs-ro-store.sock")))
                .guestOs(GuestOs.minimal().withServices(services))
                .build();
        VmBuilds.Built built = new VmBuilds(TestPackages.store(), System.getenv(), System.err::println).build(spec);
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        VmName vmName = new VmName(name);
        new Installer(state).create(vmName, built.runner().path(), Optional.of(built.toplevel().path()), Optional.empty());
        VmDirectory vm = state.vm(vmName);
        runtime = new VmRuntime(vm, log::add);
        return vm;
    }

    private void awaitConsole(String regex) throws Exception {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long end = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < end) {
            String console = Files.exists(runtime.consoleLog()) ? Files.readString(runtime.consoleLog()) : "";
            if (p.matcher(console).find()) {
                return;
            }
            assertThat(runtime.isRunning()).as(() -> "VM still running while waiting for /" + regex + "/:\n" + console)
                    .isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("no /" + regex + "/ within " + BOOT + ":\n" + Files.readString(runtime.consoleLog()));
    }

    @Test
    void microvmShutdownPowersTheGuestOffCleanlyWithinTenSeconds() throws Exception {
        VmDirectory vm = install("graceful", Map.of());
        runtime.start();
        awaitConsole("^MICROVM-READY graceful$");
        ProcessHandle hypervisor = runtime.hypervisor().orElseThrow();
        Optional<ProcessHandle> virtiofsd = ProcessRecord.read(runtime.virtiofsdRecord()).flatMap(ProcessRecord::live);
        assertThat(virtiofsd).as("virtiofsd serves the store").isPresent();

        long t0 = System.nanoTime();
        String how = runtime.stop(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(how).as("log: " + log).isEqualTo("shut down gracefully");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(hypervisor.isAlive()).isFalse();
        assertThat(virtiofsd.get().isAlive()).as("virtiofsd stopped with its VM").isFalse();
        assertThat(Files.readString(runtime.exitStatusFile()).strip()).as("qemu's exit status").isEqualTo("0");
        // the guest ran its own shutdown (services stopped, file systems unmounted) before powering off
        assertThat(Files.readString(runtime.consoleLog())).contains("jmicrovm: shutting down", "reboot: Power down");
        assertThat(vm.bootedTarget()).isEmpty();
    }

    @Test
    void aGuestThatIgnoresThePowerButtonIsTerminatedAfterTheTimeout() throws Exception {
        // Without acpid nothing in the guest listens to the ACPI power button: the press is lost.
        String stopAcpid = """
                i=0
                while [ ! -s /run/acpid.pid ] && [ $i -lt 50 ]; do usleep 100000; i=$((i + 1)); done
                kill "$(cat /run/acpid.pid)" && rm /run/acpid.pid && echo "REPORT acpid stopped"
                """;
        install("stubborn", Map.of("deaf", new GuestOs.Service("ignore the power button", stopAcpid,
                GuestOs.ServiceType.ONESHOT, GuestOs.Restart.NO, 0, Optional.empty(), Map.of(), List.of(), List.of(),
                List.of("multi-user.target"))));
        runtime.start();
        awaitConsole("^MICROVM-READY stubborn$");
        assertThat(Files.readString(runtime.consoleLog())).contains("REPORT acpid stopped");
        ProcessHandle hypervisor = runtime.hypervisor().orElseThrow();

        Duration timeout = Duration.ofSeconds(4);
        long t0 = System.nanoTime();
        String how = runtime.stop(timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(how).isEqualTo("terminated after the shutdown timeout");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("did not shut down within 4 s; sending SIGTERM"));
        assertThat(took).as("waited for the timeout, then terminated at once")
                .isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(5));
        assertThat(hypervisor.isAlive()).isFalse();
        assertThat(runtime.isRunning()).isFalse();
        assertThat(Files.readString(runtime.consoleLog())).doesNotContain("jmicrovm: shutting down");
    }
}
