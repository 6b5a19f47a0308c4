package org.jmicrovm.build.runner;

import org.jmicrovm.build.runner.HostTools.Tool;

/**
 * Shell fragments shared by shutdown and balloon scripts. They run with the VM's state directory as the
 * working directory (relative sockets resolve there), like microvm.nix's systemd units.
 */
final class ControlScripts {
    /** Seconds a shutdown script waits for the hypervisor to exit; {@code MICROVM_SHUTDOWN_TIMEOUT} overrides. */
    static final int DEFAULT_TIMEOUT = 60;

    private ControlScripts() {}

    /** Sets {@code socket} and {@code timeout}, and exits 0 at once when nothing listens: the VM is gone. */
    static String prologue(String socket) {
        return "socket=" + Shell.quote(socket) + "\n"
            + "timeout=${MICROVM_SHUTDOWN_TIMEOUT:-" + DEFAULT_TIMEOUT + "}\n"
            + "if [ ! -S \"$socket\" ]; then\n"
            + "  exit 0\n"
            + "fi\n";
    }

    /**
     * Waits until nothing accepts connections on {@code $socket} any more (the hypervisor exited), at most
     * {@code $timeout} seconds; exits 1 with a message if it is still there, so a supervisor knows to kill.
     */
    static String waitUntilGone(RunnerContext ctx, String hostName) {
        return waitUntilGone(ctx, hostName, "");
    }

    /** As {@link #waitUntilGone(RunnerContext, String)}, for sockets of another type ({@code ,type=5}: seqpacket). */
    static String waitUntilGone(RunnerContext ctx, String hostName, String socatOptions) {
        String socat = ctx.tool(Tool.SOCAT);
        return "waited=0\n"
            + "while " + socat + " -u OPEN:/dev/null UNIX-CONNECT:\"$socket\"" + socatOptions + " 2>/dev/null; do\n"
            + "  if [ \"$waited\" -ge \"$((timeout * 5))\" ]; then\n"
            + "    echo " + Shell.quote("microvm-shutdown: " + hostName + " is still running after") + " \"${timeout}s\" >&2\n"
            + "    exit 1\n"
            + "  fi\n"
            + "  " + ctx.tool(Tool.SLEEP) + " 0.2\n"
            + "  waited=$((waited + 1))\n"
            + "done\n";
    }

    /** Checks {@code $1} is a whole number of MiB and sets {@code size}. */
    static String balloonArgument() {
        return "case \"${1:-}\" in\n"
            + "  ''|*[!0-9]*) echo \"usage: $0 <balloon size in MiB>\" >&2; exit 2 ;;\n"
            + "esac\n"
            + "size=$1\n";
    }
}
