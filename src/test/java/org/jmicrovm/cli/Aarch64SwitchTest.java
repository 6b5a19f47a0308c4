package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * A host configuration whose guest is {@code pkgs = import nixpkgs { system = "aarch64-linux"; }},
 * through {@code microvm-host switch}: built from Debian's arm64 packages (the built-in kernel and
 * busybox, and {@code pkgs.hello} from the archive), booted with qemu-system-aarch64 under TCG.
 */
@Tag("vm")
class Aarch64SwitchTest {
    @TempDir
    Path tmp;
    StateDirectory state;

    @AfterEach
    void stopAll() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    static final String HOST = """
            { microvm, ... }: {
              imports = [ microvm.host ];
              microvm.vms.arm = {
                pkgs = import nixpkgs { system = "aarch64-linux"; };
                config = { pkgs, ... }: {
                  microvm.mem = 256;
                  microvm.shares = [{
                    source = "/nix/store";
                    mountPoint = "/nix/.ro-store";
                    tag = "ro-store";
                    proto = "virtiofs";
                  }];
                  environment.systemPackages = [ pkgs.hello ];
                  systemd.services.report = {
                    wantedBy = [ "multi-user.target" ];
                    script = ''
                      echo "REPORT arch=$(uname -m) system=${pkgs.stdenv.hostPlatform.system}"
                      echo "REPORT hello=$(${pkgs.hello}/bin/hello)"
                    '';
                  };
                };
              };
            }
            """;

    @Test
    void switchBootsAnArm64GuestWithADebianPackage() throws Exception {
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, HOST);
        state = new StateDirectory(tmp.resolve("microvms"));

        StringWriter out = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
        assertThat(status).as(out::toString).isZero();
        assertThat(out.toString()).containsPattern("arm +install");

        String lock = Files.readString(tmp.resolve(PkgsLock.FILE_NAME));
        String hello = lock.substring(lock.indexOf("Package: hello\n"));
        assertThat(hello.lines().filter(l -> l.startsWith("Architecture: ")).findFirst()).contains("Architecture: arm64");

        Path console = state.root().resolve("arm").resolve("console.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        String text = "";
        // the service runs beside the boot: its lines may come after the ready marker
        while (!text.contains("MICROVM-READY arm") || !text.contains("REPORT hello=")) {
            assertThat(System.nanoTime()).as(() -> "arm not ready; console:\n" + read(console)).isLessThan(deadline);
            Thread.sleep(200);
            text = read(console);
        }
        assertThat(text).contains("REPORT arch=aarch64 system=aarch64-linux", "REPORT hello=Hello, world!");

        StringWriter stop = new StringWriter();
        var microvm = MicrovmCommand.newCommandLine();
        microvm.setOut(new PrintWriter(stop, true));
        microvm.setErr(new PrintWriter(stop, true));
        assertThat(microvm.execute("stop", "arm", "--state-dir=" + state.root())).as(stop::toString).isZero();
        assertThat(stop.toString()).contains("shut down gracefully");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
