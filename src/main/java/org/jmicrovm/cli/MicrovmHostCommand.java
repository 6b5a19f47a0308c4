package org.jmicrovm.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        subcommands = {SwitchCommand.SwitchVerb.class, SwitchCommand.BootVerb.class, SwitchCommand.BuildVerb.class,
                SwitchCommand.PlanVerb.class, EvalCommand.class, OptionsCommand.class, DaemonCommand.class, DemoCommand.class,
                ExportSystemdCommand.class, BridgesCommand.class, GcCommand.class, CommandLine.HelpCommand.class})
public final class MicrovmHostCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw CliErrors.usage(spec, "missing command (try --help)");
    }

    public static void main(String[] args) {
        PrintWriter out = utf8(System.out);
        PrintWriter err = utf8(System.err);
        // `eval` is the command people (and scripts) run many times on small files: its plain forms skip
        // picocli, whose start-up costs more than the evaluation. Anything unusual still goes through picocli.
        if (args.length > 0 && args[0].equals("eval")) {
            EvalCommand eval = EvalCommand.parseSimple(Arrays.copyOfRange(args, 1, args.length));
            if (eval != null) {
                int status = eval.execute(out, err);
                out.flush();
                err.flush();
                if (status == 0) {
                    // Returning ends the JVM as System.exit would (the evaluation thread is a daemon and
                    // closed), without Runtime.exit's logging through System.Logger (JDK 21+), whose first
                    // use searches the class path for logging services, opening the jars: ~10 ms of a
                    // 50 ms command. Shutdown hooks (e.g. a JFR recording's dump) still run.
                    return;
                }
                exit(status, out, err);
            }
        }
        CommandLine cli = newCommandLine();
        cli.setOut(out);
        cli.setErr(err);
        exit(cli.execute(args), out, err);
    }

    private static void exit(int status, PrintWriter out, PrintWriter err) {
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Nix strings are printed as UTF-8 whatever the locale says (CI runs without one). */
    private static PrintWriter utf8(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new MicrovmHostCommand());
    }
}
