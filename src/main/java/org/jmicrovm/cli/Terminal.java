package org.jmicrovm.cli;

/**
 * ANSI colours as microvm.nix's {@code microvm} command uses them, switched off when the
 * output is not a terminal (or {@code NO_COLOR} is set) so that pipes get plain text.
 */
record Terminal(boolean colour) {

    static Terminal detect() {
        return new Terminal(stdoutIsTerminal() && System.getenv("NO_COLOR") == null);
    }

    /** Linux: standard output is a terminal when fd 1 is a tty or pty device. */
    private static boolean stdoutIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    String paint(String code, String text) {
        return colour ? "\033[" + code + "m" + text + "\033[0m" : text;
    }

    String red(String text) {
        return paint("0;31", text);
    }

    String green(String text) {
        return paint("0;32", text);
    }

    String boldRed(String text) {
        return paint("1;31", text);
    }

    String boldGreen(String text) {
        return paint("1;32", text);
    }

    String yellow(String text) {
        return paint("0;33", text);
    }

    String boldYellow(String text) {
        return paint("1;33", text);
    }

    String boldCyan(String text) {
        return paint("1;36", text);
    }

    /** Messages of the imperative commands: info lines on {@code out} as they come, errors in red on {@code err}. */
    org.jmicrovm.host.ImperativeVms.Output output(java.io.PrintWriter out, java.io.PrintWriter err) {
        return new org.jmicrovm.host.ImperativeVms.Output() {
            @Override
            public void info(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void error(String line) {
                err.println(red(line));
            }
        };
    }
}
