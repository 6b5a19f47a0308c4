package org.jmicrovm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.host.Demo;
import org.jmicrovm.host.HostDeclarations;
import org.jmicrovm.host.Switch;
import org.jmicrovm.host.VmBuilds;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.host.HostEvaluator;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.store.FileTrees;
import org.jmicrovm.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code microvm-host demo}: the README's first command. Switches a temporary state directory
 * to examples/host.nix, shows the page the VM answers, stops it and cleans up.
 */
@CommandLine.Command(name = "demo",
        description = "Switch a temporary state directory to examples/host.nix, fetch the VM's web page, stop it.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "examples/host.nix",
            description = "The host configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Host port to forward to the guest's web server instead of the declared one.")
    Integer port;

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
        java.util.function.Consumer<String> progress = line -> {
            err.println("jmicrovm: " + line);
            err.flush();
        };
        Path hostFile = config.toAbsolutePath().normalize();
        org.jmicrovm.host.HostPackages packages = common.hostPackages(hostFile.resolveSibling(
                org.jmicrovm.build.pkgs.PkgsLock.FILE_NAME), progress);
        try (ModuleSystem system = packages.moduleSystem(EvalOptions.defaults().withTraceSink(progress::accept))) {
            progress.accept("evaluating " + hostFile);
            Store store = common.store();
            Switch.Host host = HostDeclarations.of(new HostEvaluator(system).evaluate(hostFile).model(),
                    hostFile.getParent(), new FlakeEvaluator(system, store), progress);
            Demo.Result result = new Demo(state, new VmBuilds(store, System.getenv(), progress, Optional.of(packages)), progress,
                    Duration.ofSeconds(bootTimeout)).run(host, Optional.ofNullable(port));
            packages.saveLock().ifPresent(lock -> progress.accept("wrote the package lock " + lock));
            out.println();
            out.println("The VM \"" + result.vm().name() + "\" of " + config + " answered on " + result.url() + ":");
            out.println();
            result.page().lines().forEach(l -> out.println("    " + l));
            out.println();
            out.println(String.format(Locale.ROOT, "ready %.1f s after the switch began; stop: %s",
                    result.ready().toMillis() / 1000.0, result.stopped()));
            out.flush();
            return 0;
        } catch (NixException e) {
            err.println(e.render());
            return 1;
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
                FileTrees.deleteRecursively(state.root());
            }
        }
    }
}
