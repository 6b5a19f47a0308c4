package org.jmicrovm.supervise;

import java.util.List;

/**
 * The supervisor's control protocol: one JSON object per line each way over a UNIX socket
 * ({@code S/.jmicrovm/control/socket}, in a directory only root can enter).
 */
public final class ControlProtocol {

    private ControlProtocol() {}

    public enum Command { PING, LIST, STATUS, START, STOP, RESTART, RELOAD }

    /** {@code vm} is required for STATUS, START, STOP and RESTART. */
    public record Request(Command command, String vm) {}

    public record Response(boolean ok, String message, List<VmStatus> vms) {
        public Response {
            vms = vms == null ? List.of() : List.copyOf(vms);
        }

        public static Response ok(String message) {
            return new Response(true, message, List.of());
        }

        public static Response error(String message) {
            return new Response(false, message, List.of());
        }
    }

    /**
     * A VM as the supervisor sees it. {@code state} is one of running, stopped, starting,
     * stopping, restarting (waiting to restart after a crash), failed (gave up restarting).
     */
    public record VmStatus(String name, String state, Long pid, String current, String booted,
                           int restarts, String lastExit) {}
}
