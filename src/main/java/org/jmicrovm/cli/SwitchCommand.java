package org.jmicrovm.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jmicrovm.build.BuildException;
import org.jmicrovm.build.debian.ArchiveSignatureException;
import org.jmicrovm.build.runner.RunnerException;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeException;
import org.jmicrovm.flake.FlakeRef;
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

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    HostSource source;

    /** Where the host configuration comes from: a file, or a flake's {@code nixosConfigurations.<name>}. */
    static final class HostSource {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
                description = "The host configuration (a Nix file declaring microvm.vms).")
        Path config;

        @Option(names = "--flake", paramLabel = "REF[#NAME]", required = true,
                description = "The host configuration nixosConfigurations.NAME of the flake REF (path:, git+file:, a"
                        + " directory; relative to the working directory). Without #NAME, the host name, as nixos-rebuild.")
        String flake;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    abstract Switch.Mode mode();

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        EvalOptions options = EvalOptions.defaults().withTraceSink(line -> {
            err.println(line);
            err.flush();
        });
        var progressTo = progressToStandardError() ? err : out;
        java.util.function.Consumer<String> progress = line -> {
            progressTo.println(line);
            progressTo.flush();
        };
        try {
            HostSpec host = HostSpec.of(source, Path.of("").toAbsolutePath());
            HostPackages packages = common.hostPackages(
                    host.directory().resolve(org.jmicrovm.build.pkgs.PkgsLock.FILE_NAME), progress);
            try (ModuleSystem system = packages.moduleSystem(options)) {
                return run(host, system, packages, progress, err);
            }
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

    /**
     * The host configuration asked for: a file, or a flake and the name of one of its
     * {@code nixosConfigurations} ({@code nameGiven} false when it is the host name by default).
     */
    record HostSpec(Optional<Path> file, Optional<FlakeRef> flake, String name, boolean nameGiven) {
        static HostSpec of(HostSource source, Path cwd) {
            if (source.config != null) {
                return new HostSpec(Optional.of(cwd.resolve(source.config).normalize()), Optional.empty(), "", true);
            }
            return ofFlake(source.flake, cwd);
        }

        /** {@code REF[#NAME]}, relative to {@code cwd}. */
        static HostSpec ofFlake(String reference, Path cwd) {
            FlakeRef.WithAttribute parsed = FlakeRef.parseWithAttribute(reference, cwd);
            return new HostSpec(Optional.empty(), Optional.of(parsed.flake()),
                    parsed.attribute().orElseGet(HostSpec::hostName), parsed.attribute().isPresent());
        }

        /** nixos-rebuild's default configuration name: the kernel's host name, else "default". */
        static String hostName() {
            try {
                String name = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
                return name.isEmpty() ? "default" : name;
            } catch (java.io.IOException e) {
                return "default";
            }
        }

        /** Where relative references of the configuration are resolved and the package lock lives. */
        Path directory() {
            return file.map(Path::getParent).orElseGet(() -> flake.orElseThrow().localDirectory());
        }
    }

    private int run(HostSpec hostSpec, ModuleSystem system, HostPackages packages,
                    java.util.function.Consumer<String> progress, java.io.PrintWriter err) throws java.io.IOException {
        Store store = common.store();
        FlakeEvaluator flakes = new FlakeEvaluator(system, store);
        EvaluatedHost evaluated;
        Optional<HostDeclarations.HostFlake> hostFlake = Optional.empty();
        if (hostSpec.file().isPresent()) {
            evaluated = new HostEvaluator(system).evaluate(hostSpec.file().get());
        } else {
            FlakeRef ref = hostSpec.flake().orElseThrow();
            progress.accept("evaluating " + ref.text() + "#nixosConfigurations." + hostSpec.name()
                    + (hostSpec.nameGiven() ? "" : " (the host name; name another with --flake REF#NAME)"));
            FlakeEvaluator.Host fromFlake = flakes.host(ref, hostSpec.name());
            evaluated = fromFlake.host();
            hostFlake = Optional.of(new HostDeclarations.HostFlake(fromFlake.source(), ref));
        }
        HostConfig host = evaluated.model();
        evaluated.warnings().forEach(w -> err.println("warning: " + w));
        StateDirectory state = common.stateDir != null || System.getenv("MICROVM_STATE_DIR") != null
                ? common.stateDirectory() : new StateDirectory(Path.of(host.stateDir()));
        Switch.Host declared = HostDeclarations.of(host, hostSpec.directory(), flakes, progress, hostFlake);
        Switch.Result result = new Switch(state, new VmBuilds(store, System.getenv(), progress, Optional.of(packages)),
                progress).run(declared, mode());
        if (!result.ok()) {
            err.println("error: " + mode().name().toLowerCase() + " finished with errors:");
            result.failures().forEach(f -> err.println("  " + f));
            return 1;
        }
        packages.saveLock().ifPresent(lock -> progress.accept("wrote the package lock " + lock));
        return finish(result, spec.commandLine().getOut());
    }

    /** Whether what the command does is told on standard error, keeping standard output for a result. */
    boolean progressToStandardError() {
        return false;
    }

    /** The exit status of a run that succeeded, after printing its result (if any) to {@code out}. */
    int finish(Switch.Result result, java.io.PrintWriter out) {
        return 0;
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
        @Option(names = "--json", description = "Print the plan as JSON on standard output (what is done on the way,"
                + " such as builds, goes to standard error).")
        boolean json;

        @Option(names = "--detailed-exitcode", description = "Exit 2 when switch would change something (a VM's"
                + " directory or process, a bridge or its DHCP server), 0 when nothing, 1 on errors.")
        boolean detailedExitcode;

        @Override
        Switch.Mode mode() {
            return Switch.Mode.PLAN;
        }

        @Override
        boolean progressToStandardError() {
            return json;
        }

        @Override
        int finish(Switch.Result result, java.io.PrintWriter out) {
            if (json) {
                out.println(PlanJson.render(result));
            }
            return detailedExitcode && result.changes() ? 2 : 0;
        }
    }
}
