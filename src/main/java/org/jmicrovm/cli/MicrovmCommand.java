package org.jmicrovm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code microvm}: the imperative command of the original, with its flags
 * ({@code -c -u -R -r -l -f -s}). Not implemented yet: it says so instead of pretending.
 */
@Command(name = "microvm",
        mixinStandardHelpOptions = true,
        version = "jmicrovm 0.1.0",
        description = "Manage MicroVMs imperatively.")
public final class MicrovmCommand implements java.util.concurrent.Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("microvm: not supported by this version of jmicrovm yet (see docs/cli.md)");
        return 2;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MicrovmCommand()).execute(args));
    }
}
