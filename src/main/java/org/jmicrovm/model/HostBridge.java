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
 */
public record HostBridge(String name, List<String> interfaces, List<String> addresses, boolean nat, Dhcp dhcp) {

    public HostBridge(String name, List<String> interfaces, List<String> addresses) {
        this(name, interfaces, addresses, false);
    }

    public HostBridge(String name, List<String> interfaces, List<String> addresses, boolean nat) {
        this(name, interfaces, addresses, nat, null);
    }

    /**
     * {@code microvm.host.bridges.<name>.dhcp}: dnsmasq on the bridge leases the addresses from {@code start} to
     * {@code end} to the VMs (the bridge's address as their router) and, with {@code dns}, answers DNS on the
     * bridge's addresses: the VMs' names from their leases, everything else through the host's resolvers.
     *
     * @param start first address leased; {@code null} before {@link HostBridge} resolved the default range
     * @param end   last address leased; likewise
     */
    public record Dhcp(String start, String end, boolean dns) {

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
                    ? new Dhcp(Ipv4.format(own + 1), Ipv4.format(subnet.broadcast() - 1), dhcp.dns())
                    : new Dhcp(Ipv4.format(subnet.network() + 1), Ipv4.format(own - 1), dhcp.dns());
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
