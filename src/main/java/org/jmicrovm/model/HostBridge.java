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
 */
public record HostBridge(String name, List<String> interfaces, List<String> addresses, boolean nat) {

    public HostBridge(String name, List<String> interfaces, List<String> addresses) {
        this(name, interfaces, addresses, false);
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
            boolean v4 = address.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}"
                    + "/([0-9]|[12][0-9]|3[0-2])");
            if (!v4 && !address.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*/[0-9]{1,3}")) {
                throw new InvalidSpecException(where + ".addresses", "'" + address
                        + "' is not an address with its prefix length, such as 10.0.0.1/24 or fd00::1/64");
            }
        }
        if (nat && addresses.stream().noneMatch(a -> !a.contains(":"))) {
            throw new InvalidSpecException(where + ".nat", "needs an IPv4 address of the bridge: NAT is for its subnets");
        }
    }

    /** The IPv4 networks of {@link #addresses} ({@code 10.0.0.1/24} → {@code 10.0.0.0/24}), for NAT rules. */
    public List<String> ipv4Networks() {
        List<String> out = new java.util.ArrayList<>();
        for (String address : addresses) {
            if (address.contains(":")) {
                continue;
            }
            String[] parts = address.split("/");
            int prefix = Integer.parseInt(parts[1]);
            long ip = 0;
            for (String octet : parts[0].split("\\.")) {
                ip = ip << 8 | Integer.parseInt(octet);
            }
            long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            long net = ip & mask;
            out.add((net >> 24 & 255) + "." + (net >> 16 & 255) + "." + (net >> 8 & 255) + "." + (net & 255) + "/" + prefix);
        }
        return out;
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
