package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.ControlProtocol.Command;
import org.jmicrovm.supervise.ControlProtocol.Request;
import org.jmicrovm.supervise.ControlSocket;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm console} on a guest run by the supervisor: a command typed through the console
 * runs in the guest's shell and its answer comes back; Ctrl-] detaches; a second attach (whose
 * input is a pipe that ends) finds the shell again; the VM keeps running and its console log still
 * has the serial console's boot messages.
 */
@Tag("vm")
class ConsoleAttachTest {

    @TempDir
    Path tmp;

    StateDirectory state;
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        processes.forEach(Process::destroyForcibly);
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    /** A command of this JVM's class path, as bin/microvm and bin/microvm-host run it. */
    Process java(Class<?> main, Path log, String... args) throws IOException {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        if (log != null) builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    @Test
    void typesIntoTheGuestShellDetachesAndAttachesAgain() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path host = tmp.resolve("host.nix");
        Files.writeString(host, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.tty1.config.microvm.shares = [{
                    source = "/nix/store"; mountPoint = "/nix/.ro-store"; tag = "ro-store"; proto = "virtiofs";
                  }];
                }
                """);
        Path daemonLog = tmp.resolve("daemon.log");
        Process daemon = java(MicrovmHostCommand.class, daemonLog, "daemon", "--state-dir", state.root().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ControlSocket.request(state, new Request(Command.PING, null)).isEmpty()) {
            assertThat(daemon.isAlive()).as("daemon died: " + Files.readString(daemonLog)).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        StringWriter out = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute("switch", "-c", host.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root())).as(out.toString()).isZero();
        Path consoleLog = state.root().resolve("tty1/console.log");
        awaitContent(consoleLog, "MICROVM-READY tty1", Duration.ofSeconds(180));
        assertThat(state.root().resolve("tty1/console.sock")).exists();
        assertThat(Files.getPosixFilePermissions(state.root().resolve("tty1/console.sock")).toString())
                .doesNotContain("GROUP", "OTHERS");
        long pid = new VmRuntime(state.vm(new VmName("tty1")), l -> {}).hypervisor().orElseThrow().pid();

        // First session: type, read the answer, detach with Ctrl-].
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        Process first = console();
        Output firstOut = Output.of(first.getInputStream());
        Output firstErr = Output.of(first.getErrorStream());
        OutputStream keys = first.getOutputStream();
        // The shell computes the marker: the guest's echo of the typed line does not contain it.
        keys.write(("echo hello-$((" + n + "+1)); cat /etc/hostname\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
        firstOut.await("hello-" + (n + 1) + "\r\ntty1", Duration.ofSeconds(60));
        keys.write(0x1d);
        keys.flush();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).as(firstErr.text()).isTrue();
        assertThat(first.exitValue()).as(firstErr.text()).isZero();
        assertThat(firstErr.text()).contains("Connected to the console of MicroVM tty1", "Detached from the console");

        // Second session: input from a pipe that ends; the answer still arrives before the command returns.
        Process second = console();
        Output secondOut = Output.of(second.getInputStream());
        try (OutputStream in = second.getOutputStream()) {
            in.write(("echo again-$((" + n + "*2)) $(cat /proc/1/comm)\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();
        secondOut.await("again-" + (n * 2) + " init", Duration.ofSeconds(5));

        // Third session on a terminal (util-linux script's pty): raw mode, Enter is a carriage return,
        // and the terminal's settings come back afterwards.
        String command = String.join(" ", ProcessHandle.current().info().command().orElse("java"), "-cp",
                "'" + System.getProperty("java.class.path") + "'", MicrovmCommand.class.getName(), "console", "tty1",
                "--state-dir=" + state.root());
        Process onTty = new ProcessBuilder("script", "-qfec", command + "; echo; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'",
                "/dev/null").start();
        processes.add(onTty);
        Output ttyOut = Output.of(onTty.getInputStream());
        OutputStream typed = onTty.getOutputStream();
        ttyOut.await("Ctrl-] detaches", Duration.ofSeconds(30));
        typed.write(("echo tty-$((" + n + "+3))\r").getBytes(StandardCharsets.UTF_8));
        typed.flush();
        ttyOut.await("tty-" + (n + 3) + "\r\n", Duration.ofSeconds(30));
        // raw and -echo: only the guest echoes what was typed (a cooked terminal would show it twice)
        assertThat(ttyOut.text().split(java.util.regex.Pattern.quote("echo tty-$((" + n + "+3))"), -1)).hasSize(2);
        typed.write(0x1d);
        typed.flush();
        ttyOut.await("Detached from the console", Duration.ofSeconds(30));
        assertThat(onTty.waitFor(30, TimeUnit.SECONDS)).as(ttyOut.text()).isTrue();
        typed.close();
        assertThat(ttyOut.text().lines().map(String::strip).toList()).as(ttyOut.text())
                .contains("icanon").doesNotContain("-icanon");

        // Still the same VM, and the serial console log is untouched by the sessions.
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        String log = Files.readString(consoleLog, StandardCharsets.ISO_8859_1);
        assertThat(log).contains("MICROVM-READY tty1").doesNotContain("hello-" + (n + 1));

        // A VM that does not run has no console.
        StringWriter stopped = new StringWriter();
        var microvm = MicrovmCommand.newCommandLine();
        microvm.setOut(new PrintWriter(stopped, true));
        microvm.setErr(new PrintWriter(stopped, true));
        assertThat(microvm.execute("stop", "tty1", "--state-dir=" + state.root())).isZero();
        assertThat(microvm.execute("console", "tty1", "--state-dir=" + state.root())).isEqualTo(1);
        assertThat(stopped.toString()).contains("MicroVM tty1 is not running");
    }

    Process console() throws IOException {
        return java(MicrovmCommand.class, null, "console", "tty1", "--state-dir=" + state.root(), "--linger=3");
    }

    static void awaitContent(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(Files.exists(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text))) {
            assertThat(System.nanoTime()).as(text + " in " + file).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Everything a process prints, collected as it comes. */
    record Output(ByteArrayOutputStream bytes) {
        static Output of(InputStream stream) {
            var bytes = new ByteArrayOutputStream();
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    while ((n = stream.read(buffer)) >= 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            return new Output(bytes);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.ISO_8859_1);
            }
        }

        void await(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!text().contains(expected)) {
                assertThat(System.nanoTime()).as("waiting for " + expected + " in:\n" + text()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
