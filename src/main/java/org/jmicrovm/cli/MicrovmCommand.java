package org.jmicrovm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.jmicrovm.build.BuildException;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeException;
import org.jmicrovm.flake.FlakeRef;
import org.jmicrovm.host.ImperativeVms;
import org.jmicrovm.host.ListVms;
import org.jmicrovm.host.VmBuilds;
import org.jmicrovm.host.VmControl;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.host.ConfigurationException;
import org.jmicrovm.store.Store;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.VmRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code microvm}: the original's imperative command with its flags ({@code -c -u -R -r -l -f -s};
 * the last action flag wins, as with its getopts loop), plus {@code start}, {@code stop},
 * {@code restart}, {@code status}, {@code logs} for the embedded supervisor, {@code console} and {@code rollback}.
 */
@Command(name = "microvm",
        version = "jmicrovm 0.1.0",
        subcommands = {VmControlCommands.Start.class, VmControlCommands.Stop.class,
                VmControlCommands.Restart.class, VmControlCommands.Status.class, VmControlCommands.Logs.class,
                VmControlCommands.Console.class, VmControlCommands.Rollback.class,
                VmControlCommands.Reset.class})
public final class MicrovmCommand implements Callable<Integer> {

    static final String DEFAULT_FLAKE = "git+file:///etc/nixos";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "-c", paramLabel = "NAME") String create;
    @Option(names = "-u") boolean update;
    @Option(names = "-r", paramLabel = "NAME") String run;
    @Option(names = "-s", paramLabel = "NAME", parameterConsumer = SshArguments.class) String ssh;
    /** What followed {@code -s NAME} (getopts stops there: these are ssh's, not ours). */
    final List<String> sshArgs = new ArrayList<>();
    /** Runs ssh; replaced in tests to capture its output. */
    SshLauncher sshLauncher = SshLauncher.INHERIT;
    @Option(names = "-l") boolean list;
    @Option(names = "-f", paramLabel = "FLAKE") String flake;
    @Option(names = "-R") boolean restart;
    @Option(names = "--rollback-on-failure", description = "With -u -R: a VM whose guest does not come up goes back to its runner before.")
    boolean rollbackOnFailure;
    @Option(names = "--json", description = "With -l: print the listing as JSON.") boolean json;
    @Option(names = {"-h", "--help"}) boolean help;
    @Option(names = {"-V", "--version"}, versionHelp = true) boolean version;
    @Parameters(arity = "0..*", paramLabel = "ARGS") List<String> rest = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String action = lastAction();
        if (help || action == null) {
            out.print(helpText());
            out.flush();
            return 0;
        }
        StateDirectory state = common.stateDirectory();
        return switch (action) {
            case "-l" -> list(state, out);
            case "-r" -> runInForeground(state, run);
            case "-c" -> create(state);
            case "-u" -> update(state);
            case "-s" -> ssh(state);
            default -> throw new IllegalStateException(action);
        };
    }

    /**
     * {@code microvm -s NAME [args]}: ssh into a running VM, through vsock as the original does, or
     * (no vsock here) through a forwarded host port to guest port 22. Runs ssh with this terminal and
     * returns its exit status.
     */
    private int ssh(StateDirectory state) throws IOException, InterruptedException {
        Terminal term = Terminal.detect();
        var err = spec.commandLine().getErr();
        String problem = VmName.problemWith(ssh);
        if (problem != null) {
            err.println("microvm: " + problem);
            return 1;
        }
        var vm = state.vm(new VmName(ssh));
        boolean running = vm.exists() && new VmRuntime(vm, line -> { }).isRunning();
        return switch (org.jmicrovm.host.VmSsh.plan(vm, running, sshArgs)) {
            case org.jmicrovm.host.VmSsh.Refused r -> {
                err.println(term.red(r.message()));
                if (!r.hint().isEmpty()) {
                    err.println(r.hint());
                }
                yield 1;
            }
            case org.jmicrovm.host.VmSsh.Connect c -> {
                err.println(term.boldCyan("Connecting to " + ssh + " via " + c.via() + "..."));
                err.flush();
                yield sshLauncher.run(c.argv(), spec.commandLine().getOut(), err);
            }
        };
    }

    /** Takes {@code -s}'s NAME and then every argument after it, as the original's getopts loop leaves them. */
    static final class SshArguments implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec argSpec,
                                      CommandLine.Model.CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new CommandLine.MissingParameterException(commandSpec.commandLine(), argSpec,
                        "Missing required parameter for option '-s' (<NAME>)");
            }
            argSpec.setValue(args.pop());
            MicrovmCommand self = (MicrovmCommand) commandSpec.userObject();
            if (!args.isEmpty() && args.peek().equals("--")) {
                args.pop(); // getopts ends its options at a "--" and drops it
            }
            while (!args.isEmpty()) {
                self.sshArgs.add(args.pop());
            }
        }
    }

    /** Starts ssh; the real one lends it this terminal, as the original's {@code exec ssh} does. */
    @FunctionalInterface
    interface SshLauncher {
        int run(List<String> argv, PrintWriter out, PrintWriter err) throws IOException, InterruptedException;

        SshLauncher INHERIT = (argv, out, err) -> new ProcessBuilder(argv).inheritIO().start().waitFor();
    }

    /** The last of -c, -u, -r, -s, -l on the command line, as the original's getopts loop decides. */
    private String lastAction() {
        String last = null;
        for (var arg : spec.commandLine().getParseResult().matchedArgs()) {
            if (arg instanceof OptionSpec option) {
                String name = option.shortestName();
                if (List.of("-c", "-u", "-r", "-s", "-l").contains(name)) {
                    last = name;
                }
            }
        }
        // -s takes every argument after its name (SshArguments), so nothing can follow it
        return ssh != null ? "-s" : last;
    }

    private int runInForeground(StateDirectory state, String name) throws IOException, InterruptedException {
        String problem = VmName.problemWith(name);
        if (problem != null) {
            spec.commandLine().getErr().println("microvm: " + problem);
            return 1;
        }
        var vm = state.vm(new VmName(name));
        if (!vm.exists()) {
            spec.commandLine().getErr().println("microvm: MicroVM " + name + " not found in " + state.root());
            return 1;
        }
        return new VmRuntime(vm, line -> spec.commandLine().getErr().println(line)).runInForeground();
    }

    /**
     * {@code microvm -l}. For a VM deployed from a flake, the new system is what the flake in its
     * {@code flake} file evaluates to now (built, usually already in the store), as the original
     * evaluates it; "error" when that fails. The module system is only started when needed.
     */
    private int list(StateDirectory state, PrintWriter out) throws Exception {
        ModuleSystem[] system = new ModuleSystem[1];
        org.jmicrovm.host.HostPackages packages = common.hostPackages(lockFile(state), line -> { });
        try {
            java.util.function.Function<org.jmicrovm.state.VmDirectory, Optional<Path>> flakeSystem = vm -> {
                try {
                    if (system[0] == null) {
                        system[0] = packages.moduleSystem(EvalOptions.defaults().withTraceSink(line -> { }));
                    }
                    Store store = common.store();
                    FlakeRef ref = FlakeRef.parse(vm.flakeRef().orElseThrow(), vm.path());
                    var spec = new FlakeEvaluator(system[0], store).guest(ref, vm.name().value());
                    return Optional.of(new VmBuilds(store, System.getenv(), line -> { }, Optional.of(packages)).build(spec).toplevel().path());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            };
            return new ListRenderer(Terminal.detect(), out).render(new ListVms(state, flakeSystem).call(), json);
        } finally {
            if (system[0] != null) {
                system[0].close();
            }
        }
    }

    /** Runs {@code work} with a module system, flake evaluator and builder; errors become red lines, exit 1. */
    private int withImperative(StateDirectory state, ImperativeAction work) throws Exception {
        Terminal term = Terminal.detect();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        java.util.function.Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        org.jmicrovm.host.HostPackages packages = common.hostPackages(lockFile(state), progress);
        try (ModuleSystem system = packages.moduleSystem(EvalOptions.defaults().withTraceSink(progress::accept))) {
            Store store = common.store();
            ImperativeVms vms = new ImperativeVms(state, new FlakeEvaluator(system, store),
                    new VmBuilds(store, System.getenv(), progress, Optional.of(packages)), progress);
            int status = work.run(vms, term, out);
            if (status == 0) {
                packages.saveLock().ifPresent(lock -> progress.accept("wrote the package lock " + lock));
            }
            return status;
        } catch (ImperativeVms.Refused e) {
            err.println(term.red(e.getMessage()));
            return 1;
        } catch (NixException e) {
            err.println(e.render());
            return 1;
        } catch (FlakeException | ConfigurationException | BuildException | IllegalArgumentException
                 | IllegalStateException | java.io.UncheckedIOException e) {
            err.println(term.red("error: " + e.getMessage()));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Imperatively managed VMs have no host configuration to keep a lock beside: their Debian
     * packages are pinned by one lock in the state directory.
     */
    private static Path lockFile(StateDirectory state) {
        return state.root().resolve(org.jmicrovm.build.pkgs.PkgsLock.FILE_NAME);
    }

    @FunctionalInterface
    private interface ImperativeAction {
        int run(ImperativeVms vms, Terminal term, PrintWriter out) throws Exception;
    }

    private int create(StateDirectory state) throws Exception {
        String problem = VmName.problemWith(create);
        if (problem != null) {
            spec.commandLine().getErr().println("microvm: " + problem);
            return 1;
        }
        FlakeRef ref = FlakeRef.parse(flake != null ? flake : DEFAULT_FLAKE, Path.of("").toAbsolutePath());
        return withImperative(state, (vms, term, out) -> {
            vms.create(new VmName(create), ref);
            out.println(term.green("Created MicroVM " + create + ".") + " Start with: "
                    + term.boldCyan("microvm start " + create));
            return 0;
        });
    }

    private int update(StateDirectory state) throws Exception {
        if (rollbackOnFailure && !restart) {
            spec.commandLine().getErr().println("microvm: --rollback-on-failure needs -R (it watches the reboot)");
            return 2;
        }
        for (String name : rest) {
            String problem = VmName.problemWith(name);
            if (problem != null) {
                spec.commandLine().getErr().println("microvm: " + problem);
                return 1;
            }
        }
        return withImperative(state, (vms, term, out) -> {
            VmControl control = VmControl.forHost(state, line -> spec.commandLine().getErr().println(line));
            for (String name : rest) {
                vms.update(new VmName(name), restart, rollbackOnFailure, control,
                        term.output(out, spec.commandLine().getErr()));
            }
            return 0;
        });
    }

    static String helpText() {
        return """
                Help:
                Usage: microvm <action> [flags]

                Actions:
                        -c <name>   Create a MicroVM
                        -u <names>  Rebuild (update) MicroVMs
                        -r <name>   Run a MicroVM in foreground
                        -s <name>   SSH into a MicroVM via VSOCK
                        -l          List MicroVMs

                Flags:
                        -f <flake>  Create using another flake than %s
                                    (a relative path is resolved against the current directory)
                        -R          Restart after update
                        --rollback-on-failure
                                    With -u -R: back to the runner before if the guest does not come up

                Supervisor commands (jmicrovm):
                        start|restart [--wait] <name>, stop|status <name>, logs [-f] <name>
                        console <name>   Attach to the VM's console (Ctrl-] detaches)
                        rollback [-R] <name>
                                    Go back to the runner installed before
                        reset [--yes] <name>
                                    Delete a stopped VM's autoCreate volumes
                        -l --json   List MicroVMs as JSON
                """.formatted(DEFAULT_FLAKE);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return newCommandLine(SshLauncher.INHERIT);
    }

    static CommandLine newCommandLine(SshLauncher sshLauncher) {
        MicrovmCommand command = new MicrovmCommand();
        command.sshLauncher = sshLauncher;
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, args) -> {
            var err = e.getCommandLine().getErr();
            err.println("microvm: " + e.getMessage());
            err.print(e.getCommandLine().getCommand() instanceof MicrovmCommand
                    ? helpText() : e.getCommandLine().getUsageMessage());
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("microvm: " + e.getMessage());
            return 1;
        });
        return cli;
    }
}
