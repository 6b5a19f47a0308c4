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

    /** @param output standard output and error together, as a terminal shows them; {@code stdout} alone */
    record Result(int status, String output, String stdout) {}

    static Result microvm(String... args) {
        return run(MicrovmCommand.newCommandLine(), args);
    }

    static Result microvmHost(String... args) {
        return run(MicrovmHostCommand.newCommandLine(), args);
    }

    private static Result run(CommandLine cli, String... args) {
        StringWriter both = new StringWriter();
        StringWriter stdout = new StringWriter();
        PrintWriter all = new PrintWriter(both, true);
        cli.setOut(new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                stdout.write(c, off, len);
                all.write(c, off, len);
            }

            @Override
            public void flush() {
                all.flush();
            }

            @Override
            public void close() {
            }
        }, true));
        cli.setErr(all);
        int status = cli.execute(args);
        return new Result(status, both.toString(), stdout.toString());
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
