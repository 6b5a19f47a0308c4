package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code microvm -s}: argument handling and refusals (connecting to a guest is OpensshGuestTest's). */
class MicrovmSshCommandTest {
    @TempDir
    Path state;

    private final List<List<String>> launched = new ArrayList<>();

    private String microvm(String... args) {
        StringWriter out = new StringWriter();
        var cli = MicrovmCommand.newCommandLine((argv, o, e) -> {
            launched.add(argv);
            return 0;
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args) + ":" + out;
    }

    @Test
    void everythingAfterTheNameIsSshsAndAMissingOrStoppedVmIsRefused() throws Exception {
        assertThat(microvm("--state-dir=" + state, "-s", "nope", "uname", "-a"))
                .startsWith("1:").contains("MicroVM nope not found").doesNotContain("Unknown option");
        Path runner = Files.createDirectories(state.resolve("runner/share/microvm"));
        Files.writeString(runner.resolve("hypervisor"), "qemu\n");
        Files.createDirectories(state.resolve("vm"));
        Files.createSymbolicLink(state.resolve("vm/current"), state.resolve("runner"));
        assertThat(microvm("--state-dir=" + state, "-s", "vm", "--", "-i", "key", "ls", "-l"))
                .startsWith("1:").contains("MicroVM vm is not running");
        assertThat(microvm("--state-dir=" + state, "-s")).startsWith("2:").contains("Missing required parameter");
        assertThat(launched).isEmpty();
    }
}
