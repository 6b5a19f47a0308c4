package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, for real: the example VM is built, booted, answers over HTTP and stops. */
@Tag("vm")
class DemoTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Demo demo(StateDirectory state) {
        return new Demo(state, new VmBuilds(TestPackages.store(), System.getenv(), progress::add), progress::add,
                Duration.ofSeconds(120));
    }

    @Test
    void theExampleVmAnswersFromItsVolumeAndKeepsItAcrossRuns() throws Exception {
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        int port = freePort();

        Demo.Result first = demo(state).run(port);
        assertThat(first.page()).as("progress: " + progress)
                .isEqualTo("Hello from hello, a jmicrovm MicroVM (web server start 1 on this volume)\n");
        assertThat(first.url().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(first.stopped()).isEqualTo("shut down gracefully");
        assertThat(first.vm().path().resolve("data.img")).as("the volume was auto-created").exists();
        assertThat(first.vm().bootedTarget()).as("nothing left running").isEmpty();

        // the same state directory again: the volume is kept, so the web server counts its second start
        Demo.Result second = demo(state).run(port);
        assertThat(second.page()).isEqualTo("Hello from hello, a jmicrovm MicroVM (web server start 2 on this volume)\n");
        assertThat(second.built()).as("an unchanged VM is not rebuilt").isLessThan(Duration.ofMillis(500));
        assertThat(Files.readString(second.vm().path().resolve("console.log"))).contains("MICROVM-READY hello");
    }

    @Test
    void aTakenPortIsRefusedBeforeAnythingIsBuilt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
            assertThatThrownBy(() -> demo(state).run(taken.getLocalPort()))
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + " is in use")
                    .hasMessageContaining("--port");
            assertThat(progress).isEmpty();
            assertThat(state.root()).doesNotExist();
        }
    }
}
