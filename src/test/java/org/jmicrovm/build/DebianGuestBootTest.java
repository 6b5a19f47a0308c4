package org.jmicrovm.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.store.StoreHash;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guests running real software from Debian's archive, booted under qemu (TCG). */
@Tag("vm")
class DebianGuestBootTest {
    private static final Duration BOOT = Duration.ofSeconds(90);

    @TempDir
    Path state;

    private final MicroVmBuilder builder = new MicroVmBuilder(TestPackages.packages(),
            Optional.of(TestPackages.packageSet()));

    private static GuestOs.Service service(String description, String script, GuestOs.ServiceType type) {
        return new GuestOs.Service(description, script, type, GuestOs.Restart.NO, 0, Optional.empty(), Map.of(),
                List.of(), List.of(), List.of("multi-user.target"));
    }

    @Test
    void nginxFromDebianServesItsPageThroughAForwardedPort() throws Exception {
        int port = 19000 + (int) (ProcessHandle.current().pid() % 1000);
        String page = "hello from the nginx of Debian in a jmicrovm guest";
        String script = "echo '" + page + "' > /var/www/html/index.html\n"
                + "echo \"REPORT awk=$(readlink /usr/bin/awk) user=$(grep ^www-data: /etc/passwd | cut -d: -f3)\"\n"
                + "exec nginx -g 'daemon off;'\n";
        MicroVmSpec spec = MicroVmSpec.builder("nginx").mem(256)
                .store(GuestStore.onErofsDisk())
                .iface(NetInterface.user("usernet", "02:00:00:00:00:03"))
                .forwardPort(new ForwardPort(ForwardPort.From.HOST, ForwardPort.Proto.TCP, "127.0.0.1", port, "", 80))
                .guestOs(GuestOs.minimal().withPackages(List.of("nginx", "mawk"))
                        .withServices(Map.of("nginx", service("nginx", script, GuestOs.ServiceType.SIMPLE))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(TestPackages.store().closure(List.of(vm.toplevel())))
                .anyMatch(p -> p.name().startsWith("nginx-1.22.1"));

        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY nginx$", BOOT);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = null;
            for (int i = 0; i < 100 && response == null; i++) {
                try {
                    response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    Thread.sleep(300);
                }
            }
            assertThat(response).as(() -> "no answer; console:\n" + guest.console()).isNotNull();
            assertThat(response.body()).isEqualTo(page + "\n");
            assertThat(response.headers().firstValue("server")).contains("nginx/1.22.1");
            assertThat(guest.console()).contains("REPORT awk=/etc/alternatives/awk user=33");
            guest.shutdown();
            guest.awaitExit(Duration.ofSeconds(10));
        }
    }

    @Test
    void aPackageNamedOnlyInStringsIsOnTheStoreDiskAndRuns() throws Exception {
        // what "${pkgs.hello}" gives Nix code: the package's own store path, unpacked on demand
        String hello = TestPackages.packageSet().outPath("hello").toString();
        MicroVmSpec spec = MicroVmSpec.builder("strings").mem(256)
                .store(GuestStore.onErofsDisk())
                .guestOs(GuestOs.minimal()
                        .withEtc(Map.of("greeter", GuestOs.EtcFile.text(hello + "/bin/hello -g 'from /etc'\n")))
                        .withServices(Map.of("greet", service("greet",
                                "echo \"REPORT $(" + hello + "/bin/hello -g 'from a script')\"\n"
                                        + "echo \"REPORT $(sh /etc/greeter)\"\n", GuestOs.ServiceType.ONESHOT))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        assertThat(TestPackages.store().closure(List.of(vm.toplevel()))).extracting(p -> p.toString())
                .contains(hello).anyMatch(p -> p.contains("-libc6-"));
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY strings$", BOOT);
            assertThat(guest.console()).contains("REPORT from a script", "REPORT from /etc");
            guest.shutdown();
            guest.awaitExit(Duration.ofSeconds(10));
        }
    }

    @Test
    void python3RunsAScriptFromAShare() throws Exception {
        Path scripts = Files.createDirectories(state.resolve("scripts"));
        Files.writeString(scripts.resolve("report.py"), """
                import hashlib, json, sqlite3, ssl, sys
                db = sqlite3.connect(":memory:")
                total = db.execute("select sum(value) from json_each(?)", (json.dumps(list(range(10))),)).fetchone()[0]
                print("PYREPORT", sys.version.split()[0], hashlib.sha256(b"jmicrovm").hexdigest(), total,
                      ssl.OPENSSL_VERSION.split()[0], flush=True)
                """);
        MicroVmSpec spec = MicroVmSpec.builder("python").mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of("python-virtiofs-ro-store.sock")))
                .share(Share.of(Share.Proto.VIRTIOFS, "scripts", scripts.toString(), "/scripts",
                        Optional.of("python-virtiofs-scripts.sock")).withReadOnly(true))
                .guestOs(GuestOs.minimal().withPackages(List.of("python3"))
                        .withServices(Map.of("report", service("python", "python3 /scripts/report.py\n",
                                GuestOs.ServiceType.ONESHOT))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        String expected = "PYREPORT 3.11.2 " + StoreHash.sha256Hex("jmicrovm".getBytes(StandardCharsets.UTF_8))
                + " 45 OpenSSL";
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY python$", BOOT);
            assertThat(guest.console()).contains(expected);
            guest.shutdown();
            guest.awaitExit(Duration.ofSeconds(10));
        }
    }

    @Test
    void dropbearFromDebianAcceptsTheDeclaredAuthorizedKey() throws Exception {
        int port = 20000 + (int) (ProcessHandle.current().pid() % 1000);
        Path key = state.resolve("id_ed25519");
        Exec.check(null, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        String publicKey = Files.readString(state.resolve("id_ed25519.pub")).strip();
        // "*": no password but not locked; dropbear refuses public keys for a locked ("!") account
        GuestOs.User alice = new GuestOs.User("alice", Optional.empty(), "users", List.of(), true, "/home/alice",
                "/bin/sh", Optional.of("*"), List.of(publicKey));
        MicroVmSpec spec = MicroVmSpec.builder("ssh").mem(256)
                .store(GuestStore.onErofsDisk())
                .iface(NetInterface.user("usernet", "02:00:00:00:00:04"))
                .forwardPort(new ForwardPort(ForwardPort.From.HOST, ForwardPort.Proto.TCP, "127.0.0.1", port, "", 22))
                .guestOs(GuestOs.minimal().withPackages(List.of("dropbear-bin")).withUsers(List.of(alice))
                        .withServices(Map.of("dropbear", service("SSH server",
                                "mkdir -p /etc/dropbear\nexec dropbear -F -E -R -p 22\n", GuestOs.ServiceType.SIMPLE))))
                .build();
        BuiltMicroVm vm = builder.build(spec);
        try (TestVm guest = TestVm.boot(vm, state, Optional.empty())) {
            guest.await("^MICROVM-READY ssh$", BOOT);
            Exec.Result r = null;
            for (int i = 0; i < 30 && (r == null || r.exitCode() != 0); i++) {
                if (r != null) {
                    Thread.sleep(1000);
                }
                r = Exec.run(null, List.of("ssh", "-i", key.toString(), "-p", Integer.toString(port),
                        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                        "-o", "ConnectTimeout=20", "alice@127.0.0.1", "echo SSH-OK $(id -un) $(hostname)"));
            }
            Exec.Result last = r;
            assertThat(r.stdout()).as(() -> "ssh: " + last.stderr() + "\nconsole:\n" + guest.console())
                    .isEqualTo("SSH-OK alice ssh\n");
            guest.shutdown();
            guest.awaitExit(Duration.ofSeconds(10));
        }
    }
}
