package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jmicrovm.build.TestPackages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code microvm-host demo}, the command bin/demo runs, end to end with a real guest. */
@Tag("vm")
class DemoCommandTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static long demoStateDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("jmicrovm-demo-")).count();
        }
    }

    @Test
    void printsThePageTheExampleVmServesAndLeavesNoStateBehind() throws Exception {
        int port = freePort();
        long before = demoStateDirectories();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = MicrovmHostCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int status = cli.execute("demo", "--store", TestPackages.store().root().toString(), "--port", Integer.toString(port));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("The example VM \"hello\" answered on http://127.0.0.1:" + port + "/:")
                .contains("    Hello from hello, a jmicrovm MicroVM (web server start 1 on this volume)")
                .contains("stop: shut down gracefully");
        assertThat(err.toString()).contains("jmicrovm: building VM hello", "jmicrovm: VM hello is ready after");
        assertThat(demoStateDirectories()).as("the temporary state directory is removed").isEqualTo(before);
    }

    @Test
    void aTakenPortIsReportedWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            var cli = MicrovmHostCommand.newCommandLine();
            cli.setErr(new PrintWriter(err, true));
            int status = cli.execute("demo", "--store", TestPackages.store().root().toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("microvm-host demo: 127.0.0.1:" + taken.getLocalPort() + " is in use")
                    .doesNotContain("\tat ");
        }
    }
}
