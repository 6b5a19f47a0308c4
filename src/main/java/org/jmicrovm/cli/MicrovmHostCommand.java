package org.jmicrovm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code microvm-host}: the host's counterpart of {@code nixos-rebuild}. Each verb is a
 * subcommand class; this class only wires them together.
 */
@Command(name = "microvm-host",
        mixinStandardHelpOptions = true,
        version = "jmicrovm 0.1.0",
        description = "Evaluate, build and activate the MicroVMs declared in a host configuration.",
        subcommands = {EvalCommand.class, OptionsCommand.class, DaemonCommand.class, ExportSystemdCommand.class,
                GcCommand.class, CommandLine.HelpCommand.class})
public final class MicrovmHostCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try --help)");
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new MicrovmHostCommand());
    }
}
