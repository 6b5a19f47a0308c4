package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Real guests under the supervisor: a switch starts two VMs through the daemon; the daemon is
 * killed with SIGKILL; both guests keep running; a new daemon adopts them; {@code microvm stop}
 * shuts both down gracefully.
 */
@Tag("vm")
class SupervisedGuestsTest {

    @TempDir
    Path tmp;

    StateDirectory state;
    final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        daemons.forEach(Process::destroyForcibly);
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    Process daemon() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path logFile = tmp.resolve("daemon-" + daemons.size() + ".log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MicrovmHostCommand.class.getName(), "daemon", "--state-dir", state.root().toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        daemons.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ControlSocket.request(state, new Request(Command.PING, null)).isEmpty()) {
            assertThat(p.isAlive()).as("daemon died: " + Files.readString(logFile)).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        return p;
    }

    String cli(picocli.CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute(args);
        assertThat(status).as(String.join(" ", args) + ":\n" + out).isZero();
        return out.toString();
    }

    void awaitReady(String vm) throws Exception {
        Path console = state.root().resolve(vm).resolve("console.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!(Files.exists(console) && Files.readString(console).contains("MICROVM-READY " + vm))) {
            assertThat(System.nanoTime()).as(vm + " not ready").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void guestsSurviveASigkilledSupervisorAndStopGracefullyUnderTheNextOne() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path host = tmp.resolve("host.nix");
        Files.writeString(host, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms = builtins.listToAttrs (map (name: {
                    inherit name;
                    value.config.microvm.shares = [{
                      source = "/nix/store"; mountPoint = "/nix/.ro-store"; tag = "ro-store"; proto = "virtiofs";
                    }];
                  }) [ "alpha" "beta" ]);
                }
                """);
        Process first = daemon();
        String switched = cli(MicrovmHostCommand.newCommandLine(), "switch", "-c", host.toString(),
                "--state-dir=" + state.root(), "--store=" + TestPackages.store().root());
        assertThat(switched).contains("alpha: Started MicroVM alpha", "beta: Started MicroVM beta");
        awaitReady("alpha");
        awaitReady("beta");
        long alpha = new VmRuntime(state.vm(new VmName("alpha")), l -> {}).hypervisor().orElseThrow().pid();
        long beta = new VmRuntime(state.vm(new VmName("beta")), l -> {}).hypervisor().orElseThrow().pid();

        first.destroyForcibly().waitFor(); // SIGKILL
        Thread.sleep(500);
        assertThat(ProcessHandle.of(alpha).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.of(beta).map(ProcessHandle::isAlive)).contains(true);

        daemon();
        String sd = "--state-dir=" + state.root();
        assertThat(cli(MicrovmCommand.newCommandLine(), "status", "alpha", sd)).contains("alpha: running (pid " + alpha + ")");
        assertThat(cli(MicrovmCommand.newCommandLine(), "stop", "alpha", sd)).contains("MicroVM alpha: shut down gracefully");
        assertThat(cli(MicrovmCommand.newCommandLine(), "stop", "beta", sd)).contains("MicroVM beta: shut down gracefully");
        assertThat(ProcessHandle.of(alpha).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(state.vm(new VmName("beta")).bootedTarget()).isEmpty();
        assertThat(Files.readString(tmp.resolve("daemon-1.log"))).contains("adopted running VM alpha");
    }
}
