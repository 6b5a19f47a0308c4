package org.jmicrovm.model;

import java.util.List;

/**
 * A bridge on the host ({@code microvm.host.bridges.<name>}, jmicrovm's own): made by a switch if missing,
 * with its addresses, and joined by the VMs' tap interfaces whose ids match {@code interfaces} each time
 * such a VM starts. It replaces what a NixOS host declares with systemd-networkd ({@code Name=vm-*},
 * {@code Bridge=…}), which a host without that has to script by hand.
 *
 * @param interfaces tap interface ids, or shell patterns ({@code *}, {@code ?}) such as {@code vm-*}
 * @param addresses  the bridge's own addresses with prefix length, e.g. {@code 10.0.0.1/24}
 * @param nat        masquerade what leaves the bridge's IPv4 subnets for other networks
 * @param dhcp       the DHCP (and DNS) server on the bridge, with its range resolved; {@code null} when there
 *                   is none (also in host settings written before it existed): see {@link #dhcpServer()}
 * @param forwardPorts ports of the host forwarded to VMs on the bridge, their addresses resolved
 */
public record HostBridge(String name, List<String> interfaces, List<String> addresses, boolean nat, Dhcp dhcp,
                         List<PortForward> forwardPorts) {

    public HostBridge(String name, List<String> interfaces, List<String> addresses) {
        this(name, interfaces, addresses, false);
    }

    public HostBridge(String name, List<String> interfaces, List<String> addresses, boolean nat) {
        this(name, interfaces, addresses, nat, null);
    }

    public HostBridge(String name, List<String> interfaces, List<String> addresses, boolean nat, Dhcp dhcp) {
        this(name, interfaces, addresses, nat, dhcp, List.of());
    }

    /**
     * {@code microvm.host.bridges.<name>.forwardPorts}: connections to a port of the host go to a VM on the bridge
     * (nftables DNAT), from other machines and from the host itself.
     *
     * @param proto        {@code tcp} or {@code udp}
     * @param hostAddress  the host's address the port is forwarded on; {@code null}: every address of the host
     * @param guestAddress the VM's IPv4 address; a name of {@code dhcp.hosts} before {@link HostBridge} resolved it
     */
    public record PortForward(String proto, String hostAddress, int hostPort, String guestAddress, int guestPort) {

        /** Whether both take the same port of the host: on every address, or on the same one. */
        public boolean overlaps(PortForward o) {
            return proto.equals(o.proto) && hostPort == o.hostPort
                    && (hostAddress == null || o.hostAddress == null || hostAddress.equals(o.hostAddress));
        }

        /** {@code tcp 8080 -> 10.0.0.10:80}, as plan prints it. */
        public String describe() {
            return proto + " " + (hostAddress == null ? "" : hostAddress + ":") + hostPort + " -> " + guestAddress
                    + ":" + guestPort;
        }
    }

    /**
     * {@code microvm.host.bridges.<name>.dhcp}: dnsmasq on the bridge leases the addresses from {@code start} to
     * {@code end} to the VMs (the bridge's address as their router) and, with {@code dns}, answers DNS on the
     * bridge's addresses: the VMs' names from their leases, everything else through the host's resolvers.
     *
     * @param start first address leased; {@code null} before {@link HostBridge} resolved the default range
     * @param end   last address leased; likewise
     * @param hosts fixed addresses by the host name a client's request carries ({@code dhcp.hosts})
     */
    public record Dhcp(String start, String end, boolean dns, java.util.Map<String, String> hosts) {

        public Dhcp {
            // absent in host settings written before reservations existed
            hosts = hosts == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(hosts));
        }

        public Dhcp(String start, String end, boolean dns) {
            this(start, end, dns, java.util.Map.of());
        }

        /** The default range: the larger run of free addresses on either side of the bridge's own. */
        public static Dhcp wholeSubnet(boolean dns) {
            return new Dhcp(null, null, dns);
        }

        /** {@code start-end}, as plan and status print it. */
        public String range() {
            return start + "-" + end;
        }
    }

    /** The DHCP server of this bridge, if it has one. */
    public java.util.Optional<Dhcp> dhcpServer() {
        return java.util.Optional.ofNullable(dhcp);
    }

    public HostBridge {
        String where = "microvm.host.bridges." + name;
        Require.text(name, where);
        if (name.length() > 15 || !name.matches("[A-Za-z0-9_.-]+") || name.equals(".") || name.equals("..")) {
            throw new InvalidSpecException(where, "a bridge name is an interface name: 1-15 letters, digits, _ . -");
        }
        interfaces = Require.list(interfaces, where + ".interfaces");
        for (String pattern : interfaces) {
            if (!pattern.matches("[A-Za-z0-9_.*?-]{1,15}")) {
                throw new InvalidSpecException(where + ".interfaces", "'" + pattern
                        + "' is neither an interface name nor a pattern of one (letters, digits, _ . - and * ?)");
            }
        }
        addresses = Require.list(addresses, where + ".addresses");
        for (String address : addresses) {
            boolean v4 = address.matches(Ipv4.ADDRESS + "/([0-9]|[12][0-9]|3[0-2])");
            if (!v4 && !address.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*/[0-9]{1,3}")) {
                throw new InvalidSpecException(where + ".addresses", "'" + address
                        + "' is not an address with its prefix length, such as 10.0.0.1/24 or fd00::1/64");
            }
        }
        if (nat && addresses.stream().noneMatch(a -> !a.contains(":"))) {
            throw new InvalidSpecException(where + ".nat", "needs an IPv4 address of the bridge: NAT is for its subnets");
        }
        if (dhcp != null) {
            dhcp = resolveRange(dhcp, addresses, where + ".dhcp");
            checkHosts(dhcp, addresses, where + ".dhcp.hosts");
        }
        forwardPorts = resolveForwards(forwardPorts == null ? List.of() : forwardPorts, addresses, dhcp,
                where + ".forwardPorts");
    }

    /** Each forward checked, its guest given by address (a {@code dhcp.hosts} name is looked up). */
    private static List<PortForward> resolveForwards(List<PortForward> forwards, List<String> addresses, Dhcp dhcp,
                                                     String where) {
        List<Ipv4.Subnet> subnets = addresses.stream().filter(a -> !a.contains(":")).map(Ipv4.Subnet::of).toList();
        List<PortForward> out = new java.util.ArrayList<>();
        for (int i = 0; i < forwards.size(); i++) {
            PortForward f = forwards.get(i);
            String at = where + ".[" + i + "]";
            if (!f.proto().equals("tcp") && !f.proto().equals("udp")) {
                throw new InvalidSpecException(at + ".proto", "'" + f.proto() + "' is neither tcp nor udp");
            }
            if (f.hostPort() < 1 || f.hostPort() > 65535 || f.guestPort() < 1 || f.guestPort() > 65535) {
                throw new InvalidSpecException(at + (f.hostPort() < 1 || f.hostPort() > 65535 ? ".host.port" : ".guest.port"),
                        "a port is 1 to 65535");
            }
            if (f.hostAddress() != null) {
                Ipv4.parse(f.hostAddress(), at + ".host.address");
            }
            String guest = f.guestAddress();
            if (!guest.matches(Ipv4.ADDRESS)) {
                if (dhcp == null || !dhcp.hosts().containsKey(guest)) {
                    throw new InvalidSpecException(at + ".guest.address", "'" + guest + "' is neither an IPv4 address"
                            + " nor a name of this bridge's dhcp.hosts" + (dhcp == null || dhcp.hosts().isEmpty() ? ""
                            : " (" + String.join(", ", dhcp.hosts().keySet()) + ")"));
                }
                guest = dhcp.hosts().get(guest);
            }
            long ip = Ipv4.parse(guest, at + ".guest.address");
            if (subnets.stream().noneMatch(s -> s.contains(ip) && s.address() != ip)) {
                throw new InvalidSpecException(at + ".guest.address", guest + " is no VM's address on this bridge:"
                        + " it is in none of its subnets (" + String.join(" ", addresses) + "), or the bridge's own");
            }
            if (out.stream().anyMatch(f::overlaps)) {
                throw new InvalidSpecException(at + ".host.port", f.proto() + " port " + f.hostPort() + " is forwarded twice");
            }
            out.add(new PortForward(f.proto(), f.hostAddress(), f.hostPort(), guest, f.guestPort()));
        }
        return List.copyOf(out);
    }

    /** Each reservation: a host name, and a free address of one of the bridge's IPv4 subnets, given once. */
    private static void checkHosts(Dhcp dhcp, List<String> addresses, String where) {
        List<Ipv4.Subnet> subnets = addresses.stream().filter(a -> !a.contains(":")).map(Ipv4.Subnet::of).toList();
        java.util.Map<Long, String> taken = new java.util.HashMap<>();
        for (var e : dhcp.hosts().entrySet()) {
            String at = where + "." + e.getKey();
            if (!e.getKey().matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
                throw new InvalidSpecException(at, "'" + e.getKey() + "' is not a host name (letters, digits and -,"
                        + " up to 63): the name the VM's DHCP request carries, its networking.hostName");
            }
            long ip = Ipv4.parse(e.getValue(), at);
            Ipv4.Subnet subnet = subnets.stream().filter(s -> s.contains(ip)).findFirst()
                    .orElseThrow(() -> new InvalidSpecException(at, e.getValue()
                            + " is in no subnet of the bridge's addresses (" + String.join(" ", addresses) + ")"));
            if (ip == subnet.address() || ip == subnet.network() || ip == subnet.broadcast()) {
                throw new InvalidSpecException(at, e.getValue() + " is the bridge's own address or its subnet's"
                        + " network or broadcast address");
            }
            String other = taken.putIfAbsent(ip, e.getKey());
            if (other != null) {
                throw new InvalidSpecException(at, e.getValue() + " is reserved for " + other + " already");
            }
        }
    }

    /** {@code dhcp} with its range checked against the bridge's IPv4 subnets, or filled in from the first. */
    private static Dhcp resolveRange(Dhcp dhcp, List<String> addresses, String where) {
        List<String> v4 = addresses.stream().filter(a -> !a.contains(":")).toList();
        if (v4.isEmpty()) {
            throw new InvalidSpecException(where + ".enable", "needs an IPv4 address of the bridge: the leases are"
                    + " taken from its subnet (add one to addresses, such as 10.0.0.1/24)");
        }
        if ((dhcp.start() == null) != (dhcp.end() == null)) {
            throw new InvalidSpecException(where + (dhcp.start() == null ? ".start" : ".end"),
                    "start and end are set together (or neither, for the whole subnet)");
        }
        if (dhcp.start() == null) {
            Ipv4.Subnet subnet = Ipv4.Subnet.of(v4.get(0));
            long own = subnet.address();
            long below = own - 1 - subnet.network();
            long above = subnet.broadcast() - 1 - own;
            if (Math.max(below, above) < 1) {
                throw new InvalidSpecException(where + ".enable", "the subnet of " + v4.get(0)
                        + " has no address left to lease besides the bridge's own: use a shorter prefix, such as /24");
            }
            return above >= below
                    ? new Dhcp(Ipv4.format(own + 1), Ipv4.format(subnet.broadcast() - 1), dhcp.dns(), dhcp.hosts())
                    : new Dhcp(Ipv4.format(subnet.network() + 1), Ipv4.format(own - 1), dhcp.dns(), dhcp.hosts());
        }
        long start = Ipv4.parse(dhcp.start(), where + ".start");
        long end = Ipv4.parse(dhcp.end(), where + ".end");
        Ipv4.Subnet subnet = v4.stream().map(Ipv4.Subnet::of).filter(s -> s.contains(start)).findFirst()
                .orElseThrow(() -> new InvalidSpecException(where + ".start", dhcp.start()
                        + " is in no subnet of the bridge's addresses (" + String.join(" ", v4) + ")"));
        if (!subnet.contains(end) || end < start) {
            throw new InvalidSpecException(where + ".end", dhcp.end() + " does not follow " + dhcp.start()
                    + " in the subnet " + Ipv4.format(subnet.network()) + "/" + subnet.prefix());
        }
        if (start == subnet.network() || end == subnet.broadcast()) {
            throw new InvalidSpecException(where + (start == subnet.network() ? ".start" : ".end"),
                    "the range includes the subnet's network or broadcast address");
        }
        for (String a : v4) {
            long own = Ipv4.Subnet.of(a).address();
            if (own >= start && own <= end) {
                throw new InvalidSpecException(where + ".start", "the range " + dhcp.start() + "-" + dhcp.end()
                        + " includes the bridge's own address " + Ipv4.format(own) + ": let it start after it");
            }
        }
        return dhcp;
    }

    /** The IPv4 networks of {@link #addresses} ({@code 10.0.0.1/24} → {@code 10.0.0.0/24}), for NAT rules. */
    public List<String> ipv4Networks() {
        return addresses.stream().filter(a -> !a.contains(":")).map(Ipv4.Subnet::of)
                .map(s -> Ipv4.format(s.network()) + "/" + s.prefix()).toList();
    }

    /** Whether the tap {@code id} joins this bridge: it matches one of {@link #interfaces}. */
    public boolean takes(String id) {
        for (String pattern : interfaces) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(switch (c) {
                    case '*' -> ".*";
                    case '?' -> ".";
                    default -> java.util.regex.Pattern.quote(String.valueOf(c));
                });
            }
            if (id.matches(regex.toString())) {
                return true;
            }
        }
        return false;
    }
}
