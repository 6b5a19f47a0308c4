package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real qemu runner started as systemd starts a {@code Type=notify} unit ({@code microvm.host.useNotifySockets}):
 * with {@code NOTIFY_SOCKET} set, it sends {@code READY=1} once the guest printed its ready line, while the
 * console still reaches the unit's output.
 */
@Tag("vm")
class NotifyReadyGuestTest {

    @TempDir
    Path tmp;

    @Test
    void theRunnerNotifiesSystemdWhenTheGuestIsUp() throws Exception {
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        Path hostFile = tmp.resolve("host.nix");
        // a store disk instead of a share: microvm-run needs nothing started beside it
        Files.writeString(hostFile, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.nt = { autostart = false; config.microvm.mem = 256; };
                }
                """);
        CliRun.Result switched = CliRun.microvmHost("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
        assertThat(switched.status()).as(switched.output()).isZero();
        Path dir = state.vm(new VmName("nt")).path();

        Path socket = tmp.resolve("notify");
        Path received = tmp.resolve("received");
        Process systemd = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "OPEN:" + received + ",creat,append")
                .start();
        Process vm = null;
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(20);
            }
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("current/bin/microvm-run").toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("journal").toFile());
            pb.environment().put("NOTIFY_SOCKET", socket.toString());
            vm = pb.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && vm.isAlive()
                    && !(Files.exists(received) && Files.readString(received).contains("READY=1"))) {
                Thread.sleep(200);
            }
            String journal = Files.readString(tmp.resolve("journal"), StandardCharsets.ISO_8859_1);
            assertThat(Files.exists(received) ? Files.readString(received) : "").as(journal).isEqualTo("READY=1");
            assertThat(journal).contains("MICROVM-READY nt");
        } finally {
            if (vm != null) {
                vm.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                vm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            systemd.destroy();
        }
    }
}
