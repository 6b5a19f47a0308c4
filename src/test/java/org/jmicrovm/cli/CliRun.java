package org.jmicrovm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.VmRuntime;
import picocli.CommandLine;

/** The two commands run in-process as a user runs them, with their output (stdout and stderr together). */
final class CliRun {

    private CliRun() {}

    record Result(int status, String output) {}

    static Result microvm(String... args) {
        return run(MicrovmCommand.newCommandLine(), args);
    }

    static Result microvmHost(String... args) {
        return run(MicrovmHostCommand.newCommandLine(), args);
    }

    private static Result run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int status = cli.execute(args);
        return new Result(status, out.toString());
    }

    /** Stops every VM of {@code state} (for @AfterEach: a test's VMs must not outlive it). */
    static void stopAll(StateDirectory state, Duration timeout) throws IOException {
        if (state != null) {
            for (var vm : state.list()) {
                new VmRuntime(vm, l -> { }).stop(timeout);
            }
        }
    }
}
