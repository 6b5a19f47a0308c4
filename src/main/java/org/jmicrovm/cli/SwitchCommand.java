package org.jmicrovm.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jmicrovm.build.BuildException;
import org.jmicrovm.build.debian.ArchiveSignatureException;
import org.jmicrovm.build.runner.RunnerException;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeException;
import org.jmicrovm.host.HostDeclarations;
import org.jmicrovm.host.HostPackages;
import org.jmicrovm.host.Switch;
import org.jmicrovm.host.VmBuilds;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.model.HostConfig;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.host.ConfigurationException;
import org.jmicrovm.module.host.EvaluatedHost;
import org.jmicrovm.module.host.HostEvaluator;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code microvm-host switch|boot|build|plan -c FILE}: evaluates the host configuration, builds
 * every VM, and (switch, boot) installs and runs them by the seed's rules. Nothing on the host
 * changes unless evaluation and every build succeed.
 */
abstract class SwitchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The host configuration (a Nix file declaring microvm.vms).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    abstract Switch.Mode mode();

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path hostFile = config.toAbsolutePath().normalize();
        EvalOptions options = EvalOptions.defaults().withTraceSink(line -> {
            err.println(line);
            err.flush();
        });
        java.util.function.Consumer<String> progress = line -> {
            out.println(line);
            out.flush();
        };
        HostPackages packages = common.hostPackages(
                hostFile.resolveSibling(org.jmicrovm.build.pkgs.PkgsLock.FILE_NAME), progress);
        try (ModuleSystem system = packages.moduleSystem(options)) {
            EvaluatedHost evaluated = new HostEvaluator(system).evaluate(hostFile);
            HostConfig host = evaluated.model();
            evaluated.warnings().forEach(w -> err.println("warning: " + w));
            StateDirectory state = common.stateDir != null || System.getenv("MICROVM_STATE_DIR") != null
                    ? common.stateDirectory() : new StateDirectory(Path.of(host.stateDir()));
            Store store = common.store();
            Switch.Host declared = HostDeclarations.of(host, hostFile.getParent(), new FlakeEvaluator(system, store),
                    progress);
            Switch.Result result = new Switch(state, new VmBuilds(store, System.getenv(), progress, Optional.of(packages)), progress)
                    .run(declared, mode());
            if (!result.ok()) {
                err.println("error: " + mode().name().toLowerCase() + " finished with errors:");
                result.failures().forEach(f -> err.println("  " + f));
                return 1;
            }
            packages.saveLock().ifPresent(lock -> progress.accept("wrote the package lock " + lock));
            return 0;
        } catch (NixException e) {
            err.println(e.render());
            return 1;
        } catch (ConfigurationException | FlakeException | IllegalArgumentException | BuildException | RunnerException
                 | StoreException | ArchiveSignatureException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    @CommandLine.Command(name = "switch", description = "Build every VM, install it, and start/restart/stop VMs as the configuration says.")
    static final class SwitchVerb extends SwitchCommand {
        @Override
        Switch.Mode mode() {
            return Switch.Mode.SWITCH;
        }
    }

    @CommandLine.Command(name = "boot", description = "Build and install every VM; running VMs pick it up at their next start.")
    static final class BootVerb extends SwitchCommand {
        @Override
        Switch.Mode mode() {
            return Switch.Mode.BOOT;
        }
    }

    @CommandLine.Command(name = "build", description = "Build every VM (guest system and runner); change nothing on the host.")
    static final class BuildVerb extends SwitchCommand {
        @Override
        Switch.Mode mode() {
            return Switch.Mode.BUILD;
        }
    }

    @CommandLine.Command(name = "plan", description = "Build every VM and print what switch would do and why; change nothing.")
    static final class PlanVerb extends SwitchCommand {
        @Override
        Switch.Mode mode() {
            return Switch.Mode.PLAN;
        }
    }
}
