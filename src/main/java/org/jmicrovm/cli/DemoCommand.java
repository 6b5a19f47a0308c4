package org.jmicrovm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jmicrovm.host.Demo;
import org.jmicrovm.host.DemoVm;
import org.jmicrovm.host.VmBuilds;
import org.jmicrovm.state.StateDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code microvm-host demo}: builds and boots the example VM of {@code examples/host.nix}, shows
 * the page it serves, and stops it. Runs in a temporary state directory unless told otherwise, so
 * it leaves nothing behind but store paths.
 */
@CommandLine.Command(name = "demo",
        description = "Build and boot the example VM of examples/host.nix, fetch the page it serves, stop it.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Host port forwarded to the guest's web server (default: ${DEFAULT-VALUE}).")
    int port = DemoVm.DEFAULT_HOST_PORT;

    @Option(names = "--boot-timeout", paramLabel = "SECONDS",
            description = "How long the VM may take to boot (default: ${DEFAULT-VALUE}; TCG is slow).")
    int bootTimeout = 300;

    @Option(names = "--keep", description = "Keep the temporary state directory (console.log, data.img).")
    boolean keep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        boolean temporary = common.stateDir == null;
        StateDirectory state = temporary
                ? new StateDirectory(Files.createTempDirectory("jmicrovm-demo-"))
                : common.stateDirectory();
        try {
            VmBuilds builds = new VmBuilds(common.store(), System.getenv(), line -> {
                err.println("jmicrovm: " + line);
                err.flush();
            });
            Demo.Result result = new Demo(state, builds, line -> {
                err.println("jmicrovm: " + line);
                err.flush();
            }, Duration.ofSeconds(bootTimeout)).run(port);
            out.println();
            out.println("The example VM \"" + DemoVm.NAME + "\" answered on " + result.url() + ":");
            out.println();
            result.page().lines().forEach(l -> out.println("    " + l));
            out.println();
            out.println(String.format(Locale.ROOT, "build %.1f s, boot %.1f s, stop: %s", result.built().toMillis() / 1000.0,
                    result.booted().toMillis() / 1000.0, result.stopped()));
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            // a person can act on the message (port taken, boot failed with the console's tail); no stack trace
            err.println("microvm-host demo: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            if (temporary && keep) {
                err.println("jmicrovm: state directory kept: " + state.root());
                err.flush();
            }
            if (temporary && !keep) {
                deleteTree(state.root());
            }
        }
    }

    /** Removes the temporary state directory; links (current, booted) are removed, not followed. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
