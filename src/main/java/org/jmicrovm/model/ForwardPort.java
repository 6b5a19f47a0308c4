package org.jmicrovm.model;

/**
 * One entry of {@code microvm.forwardPorts} (qemu user networking only).
 *
 * @param from        which side listens: {@code host} (hostfwd) or {@code guest} (guestfwd)
 * @param proto       tcp or udp
 * @param hostAddress host address, empty for any
 * @param hostPort    host port
 * @param guestAddress guest address, empty for the default
 * @param guestPort   guest port
 */
public record ForwardPort(From from, Proto proto, String hostAddress, int hostPort, String guestAddress,
                          int guestPort) {

    public enum From {
        HOST("host"), GUEST("guest");

        private final String nixName;

        From(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static From fromNixName(String s) { return Enums.byNixName(values(), From::nixName, s, "from"); }

        @Override public String toString() { return nixName; }
    }

    public enum Proto {
        TCP("tcp"), UDP("udp");

        private final String nixName;

        Proto(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Proto fromNixName(String s) { return Enums.byNixName(values(), Proto::nixName, s, "proto"); }

        @Override public String toString() { return nixName; }
    }

    public ForwardPort {
        Require.present(from, "microvm.forwardPorts.*.from");
        Require.present(proto, "microvm.forwardPorts.*.proto");
        Require.present(hostAddress, "microvm.forwardPorts.*.host.address");
        Require.present(guestAddress, "microvm.forwardPorts.*.guest.address");
        port(hostPort, "microvm.forwardPorts.*.host.port");
        port(guestPort, "microvm.forwardPorts.*.guest.port");
    }

    private static void port(int p, String option) {
        if (p < 1 || p > 65535) throw new InvalidSpecException(option, "must be a port number 1..65535, got " + p);
    }

    /** A host→guest TCP forward on any host address. */
    public static ForwardPort tcp(int hostPort, int guestPort) {
        return new ForwardPort(From.HOST, Proto.TCP, "", hostPort, "", guestPort);
    }
}
