package org.jmicrovm.build.runner;

import org.jmicrovm.build.guest.GuestSystem;
import org.jmicrovm.build.runner.HostTools.Tool;

/**
 * sd_notify readiness for every hypervisor when the runner runs under systemd with {@code Type=notify}
 * ({@code microvm.host.useNotifySockets}): microvm.nix's guests are systemd and notify over vsock, jmicrovm's
 * print their ready line on the console instead. So {@code microvm-run}, when {@code NOTIFY_SOCKET} is set,
 * sends the hypervisor's standard output (the console) through a FIFO read line by line, passes every line
 * on, and sends {@code READY=1} (with socat, as the cloud-hypervisor relay does) at the first ready line.
 * Nothing changes when the variable is unset (jmicrovm's supervisor, {@code microvm -r}).
 */
final class ReadyNotification {

    private ReadyNotification() {}

    static String script(RunnerContext ctx) {
        String socat = ctx.tool(Tool.SOCAT);
        String rm = ctx.tool(Tool.RM);
        String mkfifo = ctx.tool(Tool.MKFIFO);
        return """
                if [ -n "${NOTIFY_SOCKET:-}" ]; then
                  # the guest's ready line on the console becomes sd_notify READY=1 (see ReadyNotification)
                  case "$NOTIFY_SOCKET" in
                    @*) notify_to="ABSTRACT-SENDTO:${NOTIFY_SOCKET#@}" ;;
                    *) notify_to="UNIX-SENDTO:$NOTIFY_SOCKET" ;;
                  esac
                  %2$s -f console.fifo
                  %4$s -m 600 console.fifo
                  (
                    notified=
                    while IFS= read -r line; do
                      printf '%%s\\n' "$line"
                      case "$notified$line" in
                        %3$s*) printf 'READY=1' | %1$s -u - "$notify_to" && notified=yes ;;
                      esac
                    done
                    [ -z "$line" ] || printf '%%s' "$line"
                  ) < console.fifo &
                  exec > console.fifo
                  %2$s -f console.fifo
                fi
                """.formatted(socat, rm, GuestSystem.READY_MARKER, mkfifo);
    }
}
