package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.build.pkgs.PkgsLock;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pkgs.nginx} in a host configuration is Debian's nginx, end to end through
 * {@code microvm-host switch}: the guest (store on an erofs disk) runs it by its {@code outPath},
 * answers on a forwarded port, and the package lock is written beside the host file.
 */
@Tag("vm")
class DebianPackagesSwitchTest {
    @TempDir
    Path tmp;
    StateDirectory state;

    @AfterEach
    void stopAll() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    static String host(int port) {
        return host(port, "x86_64-linux");
    }

    static String host(int port, String system) {
        return """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.web = {
                    pkgs = import nixpkgs { system = "%s"; };
                    config = { pkgs, ... }: {
                      microvm.mem = 256;
                      microvm.interfaces = [{ type = "user"; id = "usernet"; mac = "02:00:00:00:00:07"; }];
                      microvm.forwardPorts = [{ from = "host"; host.address = "127.0.0.1"; host.port = %d; guest.port = 80; }];
                      # written as a NixOS user writes services: a oneshot, ExecStart, path, User, RestartSec
                      users.users.alice.isNormalUser = true;
                      systemd.services.index = {
                        wantedBy = [ "multi-user.target" ];
                        serviceConfig.Type = "oneshot";
                        script = ''echo "nginx ${pkgs.nginx.version} from pkgs" > /var/www/html/index.html'';
                      };
                      systemd.services.whoami = {
                        wantedBy = [ "multi-user.target" ];
                        serviceConfig.Type = "oneshot";
                        serviceConfig.User = "alice";
                        serviceConfig.StateDirectory = "whoami";
                        serviceConfig.WorkingDirectory = "/var/lib/whoami";
                        script = "echo service-user=$(id -un) in=$(pwd) owned-by=$(stat -c %%U .)";
                      };
                      systemd.services.nginx = {
                        wantedBy = [ "multi-user.target" ];
                        after = [ "index.service" ];
                        path = [ pkgs.nginx ];
                        serviceConfig.ExecStart = "${pkgs.nginx}/sbin/nginx -g 'daemon off;'";
                        serviceConfig.Restart = "always";
                        serviceConfig.RestartSec = "2s";
                      };
                    };
                  };
                }
                """.formatted(system, port);
    }

    @Test
    void switchRunsNginxFromDebianAndWritesTheLock() throws Exception {
        servesNginx("x86_64-linux", "amd64", Duration.ofSeconds(180));
    }

    /** The same VM for aarch64-linux: Debian's arm64 nginx under qemu-system-aarch64 (TCG). */
    @Test
    void theSameVmOnArm64ServesToo() throws Exception {
        servesNginx("aarch64-linux", "arm64", Duration.ofSeconds(360));
    }

    private void servesNginx(String system, String architecture, Duration timeout) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, host(port, system));
        state = new StateDirectory(tmp.resolve("microvms"));

        StringWriter out = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
        assertThat(status).as(out::toString).isZero();

        String lock = Files.readString(tmp.resolve(PkgsLock.FILE_NAME));
        assertThat(lock).contains("Package: nginx\n").contains("Package: libc6\n");
        String nginx = lock.substring(lock.indexOf("Package: nginx\nArchitecture: " + architecture + "\n"));
        String version = nginx.lines()
                .filter(l -> l.startsWith("Version: ")).findFirst().orElseThrow().substring("Version: ".length());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = null;
        String expected = "nginx " + version + " from pkgs\n";
        long deadline = System.nanoTime() + timeout.toNanos();
        // until the page the oneshot writes is served (nginx may answer with Debian's page before it is there)
        while ((response == null || !response.body().equals(expected)) && System.nanoTime() < deadline) {
            try {
                response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        Path console = state.root().resolve("web").resolve("console.log");
        assertThat(response).as(() -> "no answer; console:\n" + read(console)).isNotNull();
        assertThat(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("server")).get().asString().startsWith("nginx/1.22");
        assertThat(read(console)).contains("service-user=alice in=/var/lib/whoami owned-by=alice");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no console.log)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
