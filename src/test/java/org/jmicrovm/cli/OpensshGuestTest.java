package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.build.Exec;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code services.openssh.enable} through {@code microvm-host switch}: Debian's sshd in a guest,
 * reached from the host's ssh through a forwarded port with a declared key, its host key kept on a
 * volume across a restart, and {@code microvm -s} connecting the same way. The guest also carries
 * packages with {@code sysusers.d} (dbus-system-bus-common: messagebus) and {@code tmpfiles.d}
 * (sudo: /run/sudo) lines, checked from inside over ssh.
 */
@Tag("vm")
class OpensshGuestTest {
    private static final Duration UP = Duration.ofSeconds(300);

    @TempDir
    Path tmp;
    StateDirectory state;

    @AfterEach
    void stopAll() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    static String host(int port, String publicKey) {
        return """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.sshd = {
                    pkgs = import nixpkgs { system = "x86_64-linux"; };
                    config = { pkgs, ... }: {
                      microvm.mem = 256;
                      microvm.interfaces = [{ type = "user"; id = "usernet"; mac = "02:00:00:00:00:0a"; }];
                      microvm.forwardPorts = [{ from = "host"; host.address = "127.0.0.1"; host.port = %d; guest.port = 22; }];
                      microvm.volumes = [{ image = "ssh-keys.img"; mountPoint = "/var/lib/ssh"; size = 16; }];
                      services.openssh = {
                        enable = true;
                        # the RSA key is made while sshd already runs with the other, then loaded
                        hostKeys = [ { type = "ed25519"; path = "/var/lib/ssh/ssh_host_ed25519_key"; }
                                     { type = "rsa"; bits = 2048; path = "/etc/ssh/ssh_host_rsa_key"; } ];
                      };
                      users.users.root.openssh.authorizedKeys.keys = [ "%s" ];
                      environment.systemPackages = [ pkgs.dbus-system-bus-common pkgs.sudo ];
                    };
                  };
                }
                """.formatted(port, publicKey);
    }

    @Test
    void sshdAcceptsTheDeclaredKeyKeepsItsHostKeyOnTheVolumeAndMicrovmSConnects() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path key = tmp.resolve("id_ed25519");
        Exec.check(null, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, host(port, Files.readString(tmp.resolve("id_ed25519.pub")).strip()));
        state = new StateDirectory(tmp.resolve("microvms"));

        StringWriter out = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root())).as(out::toString).isZero();

        List<String> ssh = List.of("ssh", "-i", key.toString(), "-p", Integer.toString(port), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20",
                "root@127.0.0.1");
        Exec.Result r = untilOk(ssh, "echo SSH-OK $(id -un) $(hostname); grep ^messagebus: /etc/passwd;"
                + " stat -c 'SUDO %a %U' /run/sudo; ls /var/lib/ssh");
        assertThat(r.stdout()).contains("SSH-OK root sshd\n", "SUDO 711 root\n", "ssh_host_ed25519_key.pub");
        String messagebus = r.stdout().lines().filter(l -> l.startsWith("messagebus:")).findFirst().orElseThrow();
        assertThat(messagebus).matches("messagebus:x:\\d+:\\d+:System Message Bus:/:/usr/sbin/nologin");
        // sshd re-executes (SIGHUP) once the RSA key exists and drops connections meanwhile: ask for
        // the other key after that
        String firstRsa = untilHostKey(port, "rsa");
        assertThat(firstRsa).startsWith("ssh-rsa ");
        String first = hostKey(port, "ed25519");

        List<String> ran = new ArrayList<>();
        StringWriter sOut = new StringWriter();
        var microvm = MicrovmCommand.newCommandLine((argv, o, e) -> {
            ran.addAll(argv);
            Exec.Result res = Exec.run(null, argv);
            o.print(res.stdout());
            e.print(res.stderr());
            return res.exitCode();
        });
        microvm.setOut(new PrintWriter(sOut, true));
        microvm.setErr(new PrintWriter(sOut, true));
        int status = microvm.execute("--state-dir=" + state.root(), "-s", "sshd", "--", "-i", key.toString(),
                "-o", "BatchMode=yes", "cat", "/etc/hostname");
        assertThat(status).as(sOut::toString).isZero();
        assertThat(ran).containsSubsequence("ssh", "-p", Integer.toString(port), "127.0.0.1", "-l", "root", "-i");
        assertThat(sOut.toString()).contains("Connecting to sshd via port " + port + " on 127.0.0.1...", "sshd\n");

        StringWriter restart = new StringWriter();
        var control = MicrovmCommand.newCommandLine();
        control.setOut(new PrintWriter(restart, true));
        control.setErr(new PrintWriter(restart, true));
        assertThat(control.execute("restart", "sshd", "--state-dir=" + state.root())).as(restart::toString).isZero();
        untilOk(ssh, "true");
        // /etc is made anew at every boot: the RSA key is made again, the one on the volume is kept
        assertThat(untilHostKey(port, "rsa")).as("the RSA key after a restart").startsWith("ssh-rsa ")
                .isNotEqualTo(firstRsa);
        assertThat(hostKey(port, "ed25519")).as("the host key after a restart").isEqualTo(first);
    }

    private static Exec.Result untilOk(List<String> ssh, String command) throws Exception {
        List<String> argv = new ArrayList<>(ssh);
        argv.add(command);
        long deadline = System.nanoTime() + UP.toNanos();
        Exec.Result r = Exec.run(null, argv);
        while (r.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            r = Exec.run(null, argv);
        }
        Exec.Result last = r;
        assertThat(r.exitCode()).as(() -> "ssh: " + last.stderr()).isZero();
        return r;
    }

    private static String hostKey(int port, String type) throws Exception {
        Exec.Result r = Exec.run(null, List.of("ssh-keyscan", "-T", "20", "-p", Integer.toString(port), "-t", type,
                "127.0.0.1"));
        String key = r.stdout().lines().filter(l -> l.contains(" ssh-" + type + " ")).findFirst().orElseThrow(
                () -> new AssertionError("no " + type + " host key: " + r.stderr()));
        return key.substring(key.indexOf("ssh-" + type));
    }

    /** The host key of {@code type} once sshd offers it (a key made in the background). */
    private static String untilHostKey(int port, String type) throws Exception {
        long deadline = System.nanoTime() + UP.toNanos();
        while (true) {
            try {
                return hostKey(port, type);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }
}
