package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm-run}'s readiness relay under systemd: with {@code NOTIFY_SOCKET} set, the console passes
 * through unchanged and {@code READY=1} is sent once, at the guest's first ready line (received here by
 * socat, standing in for systemd); without it the hypervisor's output is not touched.
 */
class ReadyNotificationTest {

    @TempDir
    Path tmp;

    /** The relay, then a stand-in hypervisor printing a console with two ready lines and a last unfinished line. */
    Path runScript() throws Exception {
        Path run = tmp.resolve("run");
        Files.writeString(run, "#!/bin/sh\nset -eu\n" + ReadyNotification.script(ExampleVm.context())
                + "exec sh -c 'echo booting; sleep 0.2; printf \"MICROVM-READY vm\\\\r\\\\n\"; echo MICROVM-READY vm;"
                + " printf \"bye\"'\n");
        return run;
    }

    @Test
    void readyOnceAtTheReadyLineAndTheConsoleUnchanged() throws Exception {
        Path socket = tmp.resolve("notify");
        Process systemd = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "OPEN:" + tmp.resolve("received")
                + ",creat,append").start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", runScript().toString()).directory(tmp.toFile());
            pb.environment().put("NOTIFY_SOCKET", socket.toString());
            Process p = pb.redirectErrorStream(true).start();
            String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(console).isZero();
            assertThat(console).isEqualTo("booting\nMICROVM-READY vm\r\nMICROVM-READY vm\nbye");
            Thread.sleep(200);
            assertThat(Files.readString(tmp.resolve("received"))).isEqualTo("READY=1");
            assertThat(tmp.resolve("console.fifo")).doesNotExist();
        } finally {
            systemd.destroy();
        }
    }

    @Test
    void withoutNotifySocketTheHypervisorWritesStraightToItsOutput() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", runScript().toString()).directory(tmp.toFile());
        pb.environment().remove("NOTIFY_SOCKET");
        Process p = pb.redirectErrorStream(true).start();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(console).isEqualTo("booting\nMICROVM-READY vm\r\nMICROVM-READY vm\nbye");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).isEqualTo(List.of("run"));
        }
    }
}
