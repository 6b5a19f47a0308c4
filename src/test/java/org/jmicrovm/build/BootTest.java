package org.jmicrovm.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Volume;

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
    void theSeedsFullyDeclarativeExampleBootsWithTheStoreOverVirtiofsAndARelativeVirtiofsShare() throws Exception {
        String report = "echo \"REPORT hostname=$(hostname)\"\n"
                + "echo \"REPORT system=$(readlink /run/current-system)\"\n"
                + "echo \"REPORT busybox=$(ls " + TestPackages.store().root() + " | grep -c busybox-static)\"\n"
                + "echo written-in-guest > /shared/from-guest.txt\n"
                // the root stage 1 and the skeleton hand over: a read-only store, /etc and /tmp with their
                // modes, /bin linked to the store's busybox, pseudo-terminals, a writable /etc
                + "touch " + TestPackages.store().root() + "/probe 2>/dev/null && echo REPORT store=writable"
                + " || echo REPORT store=read-only\n"
                + "echo \"REPORT modes=$(stat -c %a /tmp /etc/shadow /etc/hostname /run/jmicrovm/services | tr '\\n' ' ')\"\n"
                + "echo \"REPORT sh=$(readlink /bin/sh)\"\n"
                + "echo \"REPORT mounts=$(grep -c ' /dev/pts devpts \\| /dev/shm tmpfs \\| /sys sysfs ' /proc/mounts)\"\n"
                + "echo edited >> /etc/hosts && echo REPORT etc=writable\n";
        // fails on its first run: Restart=on-failure must run it again
        String flaky = "if [ -e /run/flaky-ran ]; then echo FLAKY second run; else touch /run/flaky-ran; exit 3; fi\n";
        MicroVmSpec spec = MicroVmSpec.builder("my-microvm").mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of("my-microvm-virtiofs-ro-store.sock")))
                // relative: resolved against the state directory (the C virtiofsd cannot take it as it is)
                .share(Share.of(Share.Proto.VIRTIOFS, "shared", "shared", "/shared",
                        Optional.of("my-microvm-virtiofs-shared.sock")))
                .guestOs(GuestOs.minimal().withServices(Map.of("report", oneshot(report),
                        "flaky", new GuestOs.Service("", flaky, GuestOs.ServiceType.SIMPLE, GuestOs.Restart.ON_FAILURE, 0,
                                Optional.empty(), Map.of(), List.of(), List.of(), List.of("multi-user.target")))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(vm.kernel().flavour().name()).isEqualTo("CLOUD");
        Files.createDirectories(state.resolve("shared"));
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^" + GuestSystem.READY_MARKER + " my-microvm$", BOOT);
            assertThat(guest.console()).contains("REPORT hostname=my-microvm", "REPORT system=" + vm.toplevel())
                    .doesNotContain("REPORT busybox=0");
            assertThat(guest.console()).contains("REPORT store=read-only", "REPORT modes=1777 600 644 755 ",
                    "REPORT mounts=3", "REPORT etc=writable")
                    .containsPattern("REPORT sh=" + java.util.regex.Pattern.quote(TestPackages.store().root().toString())
                            + "/[a-z0-9]{32}-busybox-static-[^/]*/(usr/)?bin/busybox\n");
            guest.await("^FLAKY second run$", Duration.ofSeconds(20));
            assertThat(guest.console()).contains("service flaky exited with status 3; restarting");
            stop(guest);
        }
        assertThat(Files.readString(state.resolve("shared/from-guest.txt"))).isEqualTo("written-in-guest\n");
    }

    private static GuestOs.Service httpd(String text) {
        return new GuestOs.Service("web server", "mkdir -p /srv/www\necho " + text + " > /srv/www/index.html\n"
                + "exec httpd -f -p 80 -h /srv/www\n", GuestOs.ServiceType.SIMPLE, GuestOs.Restart.ALWAYS, 1,
                Optional.empty(), Map.of(), List.of(), List.of(), List.of("multi-user.target"));
    }

    /** bin/microvm-shutdown presses the ACPI power button and waits: the guest must be gone within 10 s. */
    private static void stop(TestVm guest) throws Exception {
        long t0 = System.nanoTime();
        assertThat(guest.shutdown()).as("microvm-shutdown exit status").isZero();
        assertThat(guest.awaitExit(Duration.ofSeconds(10))).as("qemu exits after microvm-shutdown").contains(0);
        assertThat(System.nanoTime() - t0).isLessThan(10_000_000_000L);
    }

    @Test
    void sharesOver9pAndAVolumeSurviveAReboot() throws Exception {
        String script = """
                echo "from the guest" > /data/hello.txt && echo "REPORT rw=ok"
                if echo x > /ro/denied.txt 2>/dev/null; then echo "REPORT ro=writable"; else echo "REPORT ro=refused"; fi
                echo "REPORT ro-content=$(cat /ro/given.txt)"
                echo "REPORT volume-before=$(cat /var/lib/data/boots.txt 2>/dev/null | wc -l)"
                echo "boot" >> /var/lib/data/boots.txt
                """;
        MicroVmSpec spec = MicroVmSpec.builder("files").mem(256)
                .share(Share.of(Share.Proto.NINE_P, "ro-store", "/nix/store", "/nix/.ro-store", Optional.empty()))
                .share(Share.of(Share.Proto.NINE_P, "data", "data", "/data", Optional.empty()))
                .share(Share.of(Share.Proto.NINE_P, "ro", "ro", "/ro", Optional.empty()).withReadOnly(true))
                .volume(Volume.of("data.img", "/var/lib/data", 32))
                .guestOs(GuestOs.minimal().withServices(Map.of("report", oneshot(script))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(vm.kernel().flavour().name()).isEqualTo("GENERIC");
        assertThat(vm.kernelImage().getFileName().toString()).isEqualTo("vmlinux");
        Files.createDirectories(state.resolve("ro"));
        Files.createDirectories(state.resolve("data"));
        Files.writeString(state.resolve("ro/given.txt"), "from the host\n");

        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY files$", BOOT);
            assertThat(guest.console()).contains("REPORT rw=ok", "REPORT ro=refused",
                    "REPORT ro-content=from the host", "REPORT volume-before=0");
            stop(guest);
        }
        assertThat(Files.readString(state.resolve("data/hello.txt"))).isEqualTo("from the guest\n");
        assertThat(Files.exists(state.resolve("ro/denied.txt"))).isFalse();
        assertThat(debugfsCat(state.resolve("data.img"), "/boots.txt")).isEqualTo("boot\n");
        assertThat(Exec.run(null, List.of("e2fsck", "-fn", state.resolve("data.img").toString())).exitCode()).isZero();

        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY files$", BOOT);
            assertThat(guest.console()).contains("REPORT volume-before=1");
            stop(guest);
        }
        assertThat(debugfsCat(state.resolve("data.img"), "/boots.txt")).isEqualTo("boot\nboot\n");
    }

    private static String debugfsCat(Path image, String file) throws IOException {
        return Exec.check(null, List.of("debugfs", "-R", "cat " + file, image.toString()));
    }

    @Test
    void anErofsStoreDiskBootsAndAServiceAnswersThroughAForwardedPort() throws Exception {
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        MicroVmSpec spec = MicroVmSpec.builder("web").mem(256)
                .store(GuestStore.onErofsDisk())
                .iface(NetInterface.user("usernet", "02:00:00:00:00:02"))
                .forwardPort(new ForwardPort(ForwardPort.From.HOST, ForwardPort.Proto.TCP, "127.0.0.1", port, "", 80))
                .guestOs(GuestOs.minimal().withServices(Map.of("web", httpd("hello-from-web"))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(vm.storeDisk()).isPresent();
        assertThat(Exec.check(null, List.of("blkid", "-o", "value", "-s", "LABEL", vm.storeDisk().get().toString())))
                .isEqualTo("nix-store\n");

        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY web$", BOOT);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String body = null;
            for (int i = 0; i < 50 && body == null; i++) {
                try {
                    body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(body).isEqualTo("hello-from-web\n");
            stop(guest);
        }
    }

    @Test
    void aTapInterfaceInATestNetworkNamespaceReachesTheGuestsStaticAddress() throws Exception {
        String ns = "jmvm-test-" + ProcessHandle.current().pid();
        String tap = "jmvmtap0";
        Exec.check(null, List.of("ip", "netns", "add", ns));
        try {
            String mac = "02:00:00:00:77:02";
            MicroVmSpec spec = MicroVmSpec.builder("tapped").mem(256)
                    .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                            Optional.of("tapped-virtiofs-ro-store.sock")))
                    .iface(NetInterface.tap(tap, mac))
                    .guestOs(GuestOs.minimal()
                            .withNetwork(new GuestOs.Network(List.of(new GuestOs.GuestInterface(mac,
                                    List.of(new GuestOs.IpAddress("10.77.0.2", 24)), false)),
                                    Optional.empty(), List.of(), List.of(80)))
                            .withServices(Map.of("web", httpd("hello-over-tap"))))
                    .build();
            BuiltMicroVm vm = builder.build(spec);
            try (TestVm guest = TestVm.boot(vm, state, Optional.of(ns))) {
                // bin/tap-up made the tap inside the namespace; the host side of it gets the peer address
                Exec.check(null, List.of("ip", "netns", "exec", ns, "ip", "addr", "add", "10.77.0.1/24", "dev", tap));
                guest.await("^MICROVM-READY tapped$", BOOT);
                String body = null;
                for (int i = 0; i < 30 && body == null; i++) {
                    Exec.Result r = Exec.run(null, List.of("ip", "netns", "exec", ns, "curl", "-sS",
                            "--max-time", "3", "http://10.77.0.2/"));
                    if (r.exitCode() == 0) {
                        body = r.stdout();
                    } else {
                        Thread.sleep(200);
                    }
                }
                String addrs = Exec.run(null, List.of("ip", "netns", "exec", ns, "ip", "addr")).stdout();
                assertThat(body).as(() -> "wget in the namespace; guest console:\n" + guest.console() + addrs)
                        .isEqualTo("hello-over-tap\n");
                stop(guest);
            }
        } finally {
            Exec.run(null, List.of("ip", "netns", "delete", ns));
        }
    }

    @Test
    void aSquashfsStoreDiskWithAWritableOverlayOnAVolume() throws Exception {
        String storeDir = TestPackages.store().root().toString();
        String script = "echo overlay-works > " + storeDir + "/written-in-guest\n"
                + "echo \"REPORT overlay=$(cat " + storeDir + "/written-in-guest)\"\n"
                + "echo \"REPORT upper=$(ls /nix/.rw-store/store)\"\n";
        GuestStore squashfs = new GuestStore(true, GuestStore.StoreDiskType.SQUASHFS, List.of(), List.of("-c", "zstd"),
                Optional.of("/nix/.rw-store"), false);
        MicroVmSpec spec = MicroVmSpec.builder("overlaid").mem(256).store(squashfs)
                .volume(Volume.of("overlay.img", "/nix/.rw-store", 32).withLabel("rw-store"))
                .guestOs(GuestOs.minimal().withServices(Map.of("report", oneshot(script))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY overlaid$", BOOT);
            assertThat(guest.console()).contains("REPORT overlay=overlay-works", "REPORT upper=written-in-guest");
            stop(guest);
        }
        assertThat(Files.exists(TestPackages.store().root().resolve("written-in-guest"))).isFalse();
        assertThat(debugfsCat(state.resolve("overlay.img"), "/store/written-in-guest")).isEqualTo("overlay-works\n");
    }
}
