package org.jmicrovm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jmicrovm.host.ListVms;
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
 * {@code restart}, {@code status}, {@code logs} for the embedded supervisor.
 */
@Command(name = "microvm",
        version = "jmicrovm 0.1.0",
        subcommands = {VmControlCommands.Start.class, VmControlCommands.Stop.class,
                VmControlCommands.Restart.class, VmControlCommands.Status.class, VmControlCommands.Logs.class})
public final class MicrovmCommand implements Callable<Integer> {

    static final String DEFAULT_FLAKE = "git+file:///etc/nixos";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "-c", paramLabel = "NAME") String create;
    @Option(names = "-u") boolean update;
    @Option(names = "-r", paramLabel = "NAME") String run;
    @Option(names = "-s", paramLabel = "NAME") String ssh;
    @Option(names = "-l") boolean list;
    @Option(names = "-f", paramLabel = "FLAKE") String flake;
    @Option(names = "-R") boolean restart;
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
            case "-l" -> new ListRenderer(Terminal.detect(), out).render(
                    new ListVms(state, vm -> Optional.empty()).call(), json);
            case "-r" -> runInForeground(state, run);
            case "-c", "-u", "-s" -> {
                spec.commandLine().getErr().println("microvm " + action + ": not supported by this version of "
                        + "jmicrovm yet (building from flakes is not implemented); see docs/cli.md");
                yield 2;
            }
            default -> throw new IllegalStateException(action);
        };
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
        return last;
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

                Supervisor commands (jmicrovm):
                        start|stop|restart|status|logs <name>
                        -l --json   List MicroVMs as JSON
                """.formatted(DEFAULT_FLAKE);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new MicrovmCommand());
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
