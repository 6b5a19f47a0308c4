package org.jmicrovm.model;

/** IPv4 addresses as unsigned 32-bit numbers in a {@code long}, for the arithmetic of subnets and ranges. */
final class Ipv4 {
    private Ipv4() {
    }

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
    static final String ADDRESS = OCTET + "(\\." + OCTET + "){3}";

    /** {@code text} as a number; an {@link InvalidSpecException} at {@code where} when it is no IPv4 address. */
    static long parse(String text, String where) {
        if (!text.matches(ADDRESS)) {
            throw new InvalidSpecException(where, "'" + text + "' is not an IPv4 address, such as 10.0.0.100");
        }
        long ip = 0;
        for (String octet : text.split("\\.")) {
            ip = ip << 8 | Integer.parseInt(octet);
        }
        return ip;
    }

    static String format(long ip) {
        return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
    }

    /** An address with its prefix length ({@code 10.0.0.1/24}): the address, its network and broadcast. */
    record Subnet(long address, int prefix) {

        /** From {@code a.b.c.d/n}, already checked by {@link HostBridge}. */
        static Subnet of(String cidr) {
            String[] parts = cidr.split("/");
            return new Subnet(parse(parts[0], cidr), Integer.parseInt(parts[1]));
        }

        long mask() {
            return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        }

        long network() {
            return address & mask();
        }

        long broadcast() {
            return network() | (~mask() & 0xffffffffL);
        }

        boolean contains(long ip) {
            return (ip & mask()) == network();
        }
    }
}
