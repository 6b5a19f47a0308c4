package org.jmicrovm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Shell programs standing in for a hypervisor's runner, for the CLI tests that need no real guest. */
final class FakeRunners {

    private FakeRunners() {}

    /** How the stand-in guest behaves. */
    enum Guest {
        /** prints jmicrovm's ready line, then runs until stopped */
        READY("sleep 0.3\necho 'MICROVM-READY guest'\nexec sleep 600\n"),
        /** runs until stopped without ever reporting ready */
        SILENT("exec sleep 600\n"),
        /** exits at once */
        DIES("echo 'kernel panic'\nexit 1\n");

        final String script;

        Guest(String script) {
            this.script = script;
        }
    }

    /**
     * A runner {@code <store>/aaaa-microvm-qemu-<generation>} whose guest system is
     * {@code <store>/bbbb-system-<generation>}; it records its pid for its shutdown script.
     */
    static Path runner(Path store, String generation, Guest guest) throws IOException {
        Path system = Files.createDirectories(store.resolve("bbbb-system-" + generation));
        Path runner = store.resolve("aaaa-microvm-qemu-" + generation);
        Files.createDirectories(runner.resolve("bin"));
        Files.createDirectories(runner.resolve("share/microvm"));
        Files.createSymbolicLink(runner.resolve("share/microvm/system"), system);
        // as jmicrovm's runners say (a stand-in for a microvm.nix runner would not)
        Files.writeString(runner.resolve("share/microvm/readiness"), "console MICROVM-READY\n");
        Path run = runner.resolve("bin/microvm-run");
        Files.writeString(run, "#!/bin/sh\necho $$ > hv.pid\necho generation " + generation + "\n" + guest.script);
        Path shutdown = runner.resolve("bin/microvm-shutdown");
        Files.writeString(shutdown, "#!/bin/sh\nkill $(cat hv.pid)\n");
        for (Path p : new Path[] {run, shutdown}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return runner;
    }
}
