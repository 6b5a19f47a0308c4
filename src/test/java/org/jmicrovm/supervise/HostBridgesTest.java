package org.jmicrovm.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.model.InvalidSpecException;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm.host.bridges} with the real {@code ip}, inside a network namespace the test makes and deletes
 * (the host's own interfaces are never touched): bridges made once with their addresses, taps joining the
 * bridge their id matches.
 */
class HostBridgesTest {

    String ns;
    final List<String> log = new ArrayList<>();
    @TempDir
    Path tmp;
    StateDirectory state;
    String client;
    String outside;
    Process server;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for ip netns");
        ns = "jmvb-" + ProcessHandle.current().pid();
        assumeTrue(sh("ip", "netns", "add", ns).startsWith("0:"), "ip netns add failed");
        state = new StateDirectory(tmp.resolve("microvms"));
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (state != null) {
            new HostBridges(List.of(), state, log::add).ensure(List.of()); // stops the DHCP servers
        }
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        for (String other : new String[] {client, outside}) {
            if (other != null) {
                sh("ip", "netns", "delete", other);
            }
        }
        if (ns != null) {
            sh("ip", "netns", "delete", ns);
        }
    }

    static List<String> lines(List<HostBridges.Preview> preview) {
        return preview.stream().map(HostBridges.Preview::line).toList();
    }

    static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() + ":" + out;
    }

    @Test
    void bridgesAreMadeOnceAndTapsJoinTheOneTheyMatch() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        List<HostBridge> declared = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24")),
                new HostBridge("lab", List.of("lab?"), List.of()));
        assertThat(lines(bridges.preview(declared))).containsExactly(
                "bridge microvm: will be made, addresses 10.77.0.1/24, joined by taps vm-*", "bridge lab: will be made,"
                        + " joined by taps lab?");
        assertThat(bridges.preview(declared)).allMatch(HostBridges.Preview::changes);
        bridges.ensure(declared);
        assertThat(lines(bridges.preview(declared)).get(0)).startsWith("bridge microvm: exists");
        assertThat(bridges.preview(declared)).noneMatch(HostBridges.Preview::changes);
        bridges.ensure(declared); // again: nothing made twice, nothing fails
        assertThat(log).containsExactly("made bridge microvm", "made bridge lab");
        assertThat(sh("ip", "-n", ns, "-d", "link", "show", "microvm")).startsWith("0:").contains("bridge", "UP");
        assertThat(sh("ip", "-n", ns, "addr", "show", "microvm")).contains("inet 10.77.0.1/24");

        for (String tap : List.of("vm-web", "lab1", "other")) {
            assertThat(sh("ip", "-n", ns, "tuntap", "add", "dev", tap, "mode", "tap")).startsWith("0:");
        }
        bridges.join(List.of("vm-web", "lab1", "other"), declared);
        assertThat(sh("ip", "-n", ns, "link", "show", "vm-web")).contains("master microvm");
        assertThat(sh("ip", "-n", ns, "link", "show", "lab1")).contains("master lab");
        assertThat(sh("ip", "-n", ns, "link", "show", "other")).doesNotContain("master");
        assertThat(log).contains("tap vm-web joined bridge microvm", "tap lab1 joined bridge lab");

        assertThatThrownBy(() -> bridges.join(List.of("vm-gone"), declared)).isInstanceOf(IOException.class)
                .hasMessageContaining("ip link set dev vm-gone master microvm failed");

        // after a host reboot the bridge is gone: made again before the next tap joins it
        assertThat(sh("ip", "-n", ns, "link", "delete", "microvm")).startsWith("0:");
        assertThat(sh("ip", "-n", ns, "tuntap", "add", "dev", "vm-db", "mode", "tap")).startsWith("0:");
        bridges.ensure(declared);
        bridges.join(List.of("vm-db"), declared);
        assertThat(sh("ip", "-n", ns, "link", "show", "vm-db")).contains("master microvm");
        assertThat(sh("ip", "-n", ns, "addr", "show", "microvm")).contains("inet 10.77.0.1/24");
    }

    @Test
    void namesPatternsAndAddressesAreChecked() {
        assertThat(new HostBridge("br0", List.of("vm-*", "db?"), List.of()).takes("vm-a")).isTrue();
        assertThat(new HostBridge("br0", List.of("vm-*", "db?"), List.of()).takes("db12")).isFalse();
        assertThat(new HostBridge("br0", List.of("vm.*"), List.of()).takes("vmx1")).as("a dot is a dot").isFalse();
        assertThatThrownBy(() -> new HostBridge("a-much-too-long-name", List.of(), List.of()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("1-15 letters");
        assertThatThrownBy(() -> new HostBridge("br0", List.of("vm/x"), List.of()))
                .hasMessageContaining("'vm/x' is neither an interface name nor a pattern");
        assertThatThrownBy(() -> new HostBridge("br0", List.of(), List.of("10.0.0.1")))
                .hasMessageContaining("'10.0.0.1' is not an address with its prefix length");
        assertThat(new HostBridge("br0", List.of(), List.of("fd00::1/64", "192.168.7.1/24")).addresses()).hasSize(2);
    }

    @Test
    void bridgesNoLongerDeclaredGoWhenJmicrovmMadeThemAndTheyAreEmpty() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        // the host's own bridge, there before jmicrovm was told about it
        assertThat(sh("ip", "-n", ns, "link", "add", "br-own", "type", "bridge")).startsWith("0:");
        List<HostBridge> declared = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                HostBridge.Dhcp.wholeSubnet(false)), new HostBridge("lab", List.of("lab?"), List.of()),
                new HostBridge("br-own", List.of("own?"), List.of()));
        bridges.ensure(declared);
        Path dhcpFiles = state.bookkeeping().resolve("dhcp");
        assertThat(dhcpFiles.resolve("microvm.leases")).exists();
        assertThat(sh("ip", "-n", ns, "tuntap", "add", "dev", "lab1", "mode", "tap")).startsWith("0:");
        bridges.join(List.of("lab1"), declared);
        bridges.ensure(List.of()); // as the switch does first: the DHCP server of microvm stops

        assertThat(lines(bridges.previewRemoval(declared, List.of()))).containsExactly(
                "bridge microvm: no longer declared; will be removed once no interface is in it",
                "bridge lab: no longer declared; will be removed once no interface is in it",
                "bridge br-own: no longer declared; stays (jmicrovm did not make it)");
        bridges.removeUndeclared(declared, List.of());
        assertThat(log).contains("removed bridge microvm (no longer declared)",
                "bridge lab is no longer declared, but lab1 still in it: left in place until a switch finds it empty",
                "bridge br-own is no longer declared; jmicrovm did not make it, so it stays");
        assertThat(sh("ip", "-n", ns, "link", "show", "microvm")).doesNotStartWith("0:");
        try (var left = Files.list(dhcpFiles)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("nothing of its DHCP server is left")
                    .noneMatch(f -> f.startsWith("microvm."));
        }
        assertThat(sh("ip", "-n", ns, "link", "show", "lab")).startsWith("0:");
        assertThat(sh("ip", "-n", ns, "link", "show", "br-own")).startsWith("0:");

        // the VM on it stopped (its tap went): the next switch removes it
        assertThat(sh("ip", "-n", ns, "link", "delete", "lab1")).startsWith("0:");
        bridges.removeUndeclared(declared, List.of());
        assertThat(log).contains("removed bridge lab (no longer declared)");
        assertThat(sh("ip", "-n", ns, "link", "show", "lab")).doesNotStartWith("0:");
    }

    @Test
    void natIsOneTableRewrittenByEverySwitchAndRemovedOnRequest() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24", "fd00::1/64"), true),
                new HostBridge("lab", List.of(), List.of("192.168.9.130/25"), true)));
        String table = sh("ip", "netns", "exec", ns, "nft", "list", "table", "ip", "jmicrovm");
        assertThat(table).startsWith("0:").contains("type nat hook postrouting",
                "ip saddr 10.77.0.0/24 ip daddr != 10.77.0.0/24 masquerade",
                "ip saddr 192.168.9.128/25 ip daddr != 192.168.9.128/25 masquerade");
        assertThat(sh("ip", "netns", "exec", ns, "sysctl", "-n", "net.ipv4.ip_forward")).isEqualTo("0:1\n");

        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), true)));
        assertThat(sh("ip", "netns", "exec", ns, "nft", "list", "table", "ip", "jmicrovm"))
                .contains("10.77.0.0/24").doesNotContain("192.168.9.128/25");

        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false)));
        assertThat(sh("ip", "netns", "exec", ns, "nft", "list", "table", "ip", "jmicrovm"))
                .as("ensure leaves NAT it is not asked for alone").startsWith("0:");
        bridges.removeNat();
        assertThat(sh("ip", "netns", "exec", ns, "nft", "list", "table", "ip", "jmicrovm")).doesNotStartWith("0:");
        bridges.removeNat(); // nothing left to remove: no failure
        assertThat(log).contains("removed the NAT of the bridges (nftables table ip jmicrovm)");
        assertThatThrownBy(() -> new HostBridge("v6", List.of(), List.of("fd00::1/64"), true))
                .hasMessageContaining("needs an IPv4 address of the bridge");
    }

    @Test
    void withoutNatAHostWithoutNftablesIsFine() throws Exception {
        // a prefix that cannot run stands in for a host without nft: nothing to remove, nothing fails
        HostBridges noTools = new HostBridges(List.of("/nonexistent/prefix"), state, log::add);
        noTools.ensure(List.of());
        assertThatThrownBy(() -> noTools.ensure(List.of(new HostBridge("microvm", List.of(), List.of("10.0.0.1/24"), true))))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot be run");
    }

    @Test
    void dhcpLeasesAnAddressKeepsItAcrossRestartsAndResolvesTheClientsName() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        List<HostBridge> declared = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                new HostBridge.Dhcp("10.77.0.50", "10.77.0.60", true)));
        assertThat(lines(bridges.preview(declared))).containsExactly("bridge microvm: will be made, addresses 10.77.0.1/24,"
                + " joined by taps vm-*, DHCP 10.77.0.50-10.77.0.60 and DNS (will be started)");
        bridges.ensure(declared);
        assertThat(log).contains("DHCP on bridge microvm: leases 10.77.0.50-10.77.0.60, DNS on 10.77.0.1 (dnsmasq)");
        assertThat(lines(bridges.preview(declared)).get(0)).endsWith("DHCP 10.77.0.50-10.77.0.60 and DNS (running)");
        assertThat(bridges.preview(declared)).noneMatch(HostBridges.Preview::changes);

        // a client on the bridge: a veth pair stands in for a VM's tap, its other end in a namespace of its own
        client = ns + "c";
        assertThat(sh("ip", "netns", "add", client)).startsWith("0:");
        assertThat(sh("ip", "-n", ns, "link", "add", "vm-c", "type", "veth", "peer", "name", "eth0", "netns", client))
                .startsWith("0:");
        bridges.join(List.of("vm-c"), declared);
        assertThat(sh("ip", "-n", ns, "link", "set", "vm-c", "up")).startsWith("0:");
        assertThat(sh("ip", "-n", client, "link", "set", "eth0", "up")).startsWith("0:");
        String address = lease("web1");
        assertThat(address).matches("10\\.77\\.0\\.(5[0-9]|60) router 10\\.77\\.0\\.1 dns 10\\.77\\.0\\.1");
        String ip = address.substring(0, address.indexOf(' '));
        assertThat(sh("ip", "-n", client, "addr", "add", ip + "/24", "dev", "eth0")).startsWith("0:");
        assertThat(sh("ip", "netns", "exec", client, "busybox", "nslookup", "web1", "10.77.0.1"))
                .as("the name the client asked with resolves to its lease").contains("Address: " + ip);
        String mac = sh("ip", "-n", client, "-br", "link", "show", "eth0").split("\\s+")[2];
        assertThat(bridges.leases(declared)).contains(new BridgeDhcp.Lease("microvm", mac, ip, "web1"));

        log.clear();
        bridges.ensure(declared);
        assertThat(log).as("the same declaration leaves the running server alone").isEmpty();

        // another declaration restarts it, with the leases it gave: the client gets its address again
        List<HostBridge> withoutDns = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                new HostBridge.Dhcp("10.77.0.50", "10.77.0.60", false)));
        assertThat(lines(bridges.preview(withoutDns)).get(0))
                .endsWith("DHCP 10.77.0.50-10.77.0.60 (running; restarts with this declaration, keeping its leases)");
        assertThat(bridges.preview(withoutDns)).allMatch(HostBridges.Preview::changes);
        bridges.ensure(withoutDns);
        assertThat(log).containsExactly("DHCP on bridge microvm: leases 10.77.0.50-10.77.0.60 (dnsmasq)");
        assertThat(sh("ip", "-n", client, "addr", "flush", "dev", "eth0")).startsWith("0:");
        assertThat(lease("web1")).isEqualTo(ip + " router 10.77.0.1 dns");

        // a reservation by name, outside the range: the client that asks with the name gets that address
        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                new HostBridge.Dhcp("10.77.0.50", "10.77.0.60", false, java.util.Map.of("web1", "10.77.0.42")))));
        assertThat(sh("ip", "-n", client, "addr", "flush", "dev", "eth0")).startsWith("0:");
        assertThat(lease("web1")).isEqualTo("10.77.0.42 router 10.77.0.1 dns");

        // a bridge that no longer asks for DHCP: its server is stopped
        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"))));
        assertThat(log).contains("stopped the DHCP server of bridge microvm");
        assertThat(sh("ip", "netns", "exec", client, "busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "2", "-T", "1",
                "-s", "/bin/true")).doesNotStartWith("0:");
    }

    @Test
    void forwardedPortsReachAVmFromOtherMachinesAndFromTheHostItself() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        assertThat(sh("ip", "-n", ns, "link", "set", "lo", "up")).startsWith("0:");
        List<HostBridge> declared = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                new HostBridge.Dhcp(null, null, true, java.util.Map.of("web", "10.77.0.5")),
                List.of(new HostBridge.PortForward("tcp", null, 8080, "web", 80))));
        assertThat(declared.get(0).forwardPorts()).as("the name is the address reserved for it")
                .containsExactly(new HostBridge.PortForward("tcp", null, 8080, "10.77.0.5", 80));
        assertThat(lines(bridges.preview(declared)).get(0)).contains(", port tcp 8080 -> 10.77.0.5:80");
        bridges.ensure(declared);
        assertThat(log).contains("port tcp 8080 -> 10.77.0.5:80 (nftables table ip jmicrovm)");
        assertThat(sh("ip", "netns", "exec", ns, "sysctl", "-n", "net.ipv4.conf.microvm.route_localnet")).isEqualTo("0:1\n");

        // the VM: a namespace behind a veth pair on the bridge, serving a page, its gateway the bridge
        client = ns + "c";
        assertThat(sh("ip", "netns", "add", client)).startsWith("0:");
        assertThat(sh("ip", "-n", ns, "link", "add", "vm-c", "type", "veth", "peer", "name", "eth0", "netns", client))
                .startsWith("0:");
        bridges.join(List.of("vm-c"), declared);
        for (String[] c : new String[][] {{"-n", ns, "link", "set", "vm-c", "up"}, {"-n", client, "link", "set", "eth0", "up"},
                {"-n", client, "link", "set", "lo", "up"}, {"-n", client, "addr", "add", "10.77.0.5/24", "dev", "eth0"},
                {"-n", client, "route", "add", "default", "via", "10.77.0.1"}}) {
            List<String> argv = new ArrayList<>(List.of("ip"));
            argv.addAll(List.of(c));
            assertThat(sh(argv.toArray(String[]::new))).startsWith("0:");
        }
        Files.createDirectories(tmp.resolve("www"));
        Files.writeString(tmp.resolve("www/index.html"), "from the vm\n");
        server = new ProcessBuilder("ip", "netns", "exec", client, "busybox", "httpd", "-f", "-p", "80",
                "-h", tmp.resolve("www").toString()).redirectErrorStream(true).start();

        // another machine: a namespace on a veth pair with the host
        outside = ns + "o";
        String hostSide = "jmo" + ProcessHandle.current().pid() % 100000;
        assertThat(sh("ip", "netns", "add", outside)).startsWith("0:");
        assertThat(sh("ip", "-n", ns, "link", "add", hostSide, "type", "veth", "peer", "name", "out0", "netns", outside))
                .startsWith("0:");
        for (String[] c : new String[][] {{"-n", ns, "addr", "add", "192.0.2.1/24", "dev", hostSide},
                {"-n", ns, "link", "set", hostSide, "up"}, {"-n", outside, "addr", "add", "192.0.2.2/24", "dev", "out0"},
                {"-n", outside, "link", "set", "out0", "up"}}) {
            List<String> argv = new ArrayList<>(List.of("ip"));
            argv.addAll(List.of(c));
            assertThat(sh(argv.toArray(String[]::new))).startsWith("0:");
        }

        assertThat(until(() -> sh("ip", "netns", "exec", outside, "curl", "-s", "--max-time", "3", "http://192.0.2.1:8080/")))
                .as("from another machine").isEqualTo("0:from the vm\n");
        assertThat(sh("ip", "netns", "exec", ns, "curl", "-s", "--max-time", "3", "http://127.0.0.1:8080/"))
                .as("from the host, on 127.0.0.1").isEqualTo("0:from the vm\n");
        assertThat(sh("ip", "netns", "exec", ns, "curl", "-s", "--max-time", "3", "http://192.0.2.1:8080/"))
                .as("from the host, on its own address").isEqualTo("0:from the vm\n");
        assertThat(sh("ip", "netns", "exec", ns, "curl", "-s", "--max-time", "3", "http://192.0.2.2:8080/"))
                .as("what the host routes elsewhere is not taken").doesNotContain("from the vm");

        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"))));
        bridges.removeNat();
        assertThat(sh("ip", "netns", "exec", outside, "curl", "-s", "--max-time", "3", "http://192.0.2.1:8080/"))
                .as("the forward is gone with the table").doesNotContain("from the vm");
    }

    @Test
    void anIpv6PrefixIsAdvertisedSoClientsMakeAddressesThatResolveByName() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        assertThat(sh("ip", "-n", ns, "link", "set", "lo", "up")).startsWith("0:");
        List<HostBridge> declared = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24",
                "fd00:77::1/64"), false, HostBridge.Dhcp.wholeSubnet(true)));
        client = ns + "c";
        assertThat(sh("ip", "netns", "add", client)).startsWith("0:");
        assertThat(sh("ip", "-n", ns, "link", "add", "vm-c", "type", "veth", "peer", "name", "eth0", "netns", client))
                .startsWith("0:");
        bridges.ensure(declared);
        assertThat(log).contains("DHCP on bridge microvm: leases 10.77.0.2-10.77.0.254, IPv6 by SLAAC in fd00:77::1/64,"
                + " DNS on 10.77.0.1 fd00:77::1 (dnsmasq)");
        bridges.join(List.of("vm-c"), declared);
        assertThat(sh("ip", "-n", ns, "link", "set", "vm-c", "up")).startsWith("0:");
        // the client's link comes up after the server runs: its router solicitation is answered
        assertThat(sh("ip", "-n", client, "link", "set", "eth0", "up")).startsWith("0:");
        String ip = lease("web1").split(" ")[0];
        assertThat(sh("ip", "-n", client, "addr", "add", ip + "/24", "dev", "eth0")).startsWith("0:");
        String v6 = until(() -> {
            String addr = sh("ip", "-n", client, "-6", "-o", "addr", "show", "dev", "eth0", "scope", "global");
            return addr.contains("fd00:77::") && !addr.contains("tentative") ? addr : "1:" + addr;
        });
        String address = v6.replaceFirst("(?s).*inet6 (fd00:77::[0-9a-f:]+)/64.*", "$1");
        assertThat(sh("ip", "-n", client, "-6", "route", "show", "default")).as("the host is no IPv6 router")
                .isEqualTo("0:");
        assertThat(until(() -> {
            String r = sh("ip", "netns", "exec", ns, "busybox", "nslookup", "-type=aaaa", "web1", "10.77.0.1");
            return r.contains("Address: " + address) ? r : "1:" + r;
        })).contains("Address: " + address);
    }

    @Test
    void aDhcpServerThatCannotStartSaysWhyAndHowToLeaveDnsToAnother() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), state, log::add);
        List<HostBridge> plain = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24")));
        bridges.ensure(plain);
        // another DNS server on the host, on every address (as bind9 or unbound listen): its TCP port 53
        server = new ProcessBuilder("ip", "netns", "exec", ns, "socat", "TCP-LISTEN:53,fork", "SYSTEM:true")
                .redirectErrorStream(true).start();
        assertThat(until(() -> sh("ip", "netns", "exec", ns, "ss", "-lnt", "sport", "=", "53")
                .contains(":53 ") ? "0:" : "1:")).startsWith("0:");
        List<HostBridge> withDns = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                HostBridge.Dhcp.wholeSubnet(true)), new HostBridge("lab", List.of(), List.of("10.78.0.1/24"), false,
                HostBridge.Dhcp.wholeSubnet(false)));
        assertThatThrownBy(() -> bridges.ensure(withDns)).isInstanceOf(BridgeDhcp.NotStarted.class)
                .hasMessageContaining("the DHCP server of bridge microvm did not start")
                .hasMessageContaining("Address already in use")
                .hasMessageContaining("set microvm.host.bridges.microvm.dhcp.dns = false to leave DNS to it");
        assertThat(log).as("the other bridge's server started all the same")
                .contains("DHCP on bridge lab: leases 10.78.0.2-10.78.0.254 (dnsmasq)");
        bridges.ensure(List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24"), false,
                HostBridge.Dhcp.wholeSubnet(false))));
        assertThat(log).contains("DHCP on bridge microvm: leases 10.77.0.2-10.77.0.254 (dnsmasq)",
                "stopped the DHCP server of bridge lab");
    }

    /** {@code probe} again while it fails, for up to 10 s (a server that has just been started). */
    private static String until(java.util.concurrent.Callable<String> probe) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String r = probe.call();
        while (!r.startsWith("0:") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = probe.call();
        }
        return r;
    }

    /** What {@code udhcpc} in the client namespace was given: {@code ADDRESS router R dns D}. */
    private String lease(String hostname) throws Exception {
        Path out = tmp.resolve("lease");
        Files.deleteIfExists(out);
        Path script = tmp.resolve("udhcpc.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"$ip router $router dns $dns\" > " + out + "\n"
                + "exit 0\n");
        script.toFile().setExecutable(true);
        String said = sh("ip", "netns", "exec", client, "busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "5", "-T", "1",
                "-x", "hostname:" + hostname, "-s", script.toString());
        assertThat(said).startsWith("0:");
        return Files.readString(out).strip();
    }

    @Test
    void theDhcpRangeIsTheSubnetAroundTheBridgeOrAValidDeclaredOne() {
        assertThat(dhcp("10.77.0.1/24").range()).isEqualTo("10.77.0.2-10.77.0.254");
        assertThat(dhcp("192.168.9.254/24").range()).as("below the bridge's address").isEqualTo("192.168.9.1-192.168.9.253");
        assertThat(dhcp("fd00::1/64", "172.16.5.9/28").range()).isEqualTo("172.16.5.1-172.16.5.8");
        assertThat(new HostBridge("br0", List.of(), List.of("10.0.0.1/24"), false,
                new HostBridge.Dhcp("10.0.0.100", "10.0.0.199", true)).dhcp().range()).isEqualTo("10.0.0.100-10.0.0.199");
        assertThatThrownBy(() -> dhcp("fd00::1/64")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("microvm.host.bridges.br0.dhcp.enable").hasMessageContaining("needs an IPv4 address");
        assertThatThrownBy(() -> dhcp("10.0.0.1/31")).hasMessageContaining("no address left to lease");
        assertThatThrownBy(() -> range("10.0.0.100", null)).hasMessageContaining("dhcp.end")
                .hasMessageContaining("start and end are set together");
        assertThatThrownBy(() -> range("10.0.1.100", "10.0.1.200")).hasMessageContaining("dhcp.start")
                .hasMessageContaining("10.0.1.100 is in no subnet of the bridge's addresses (10.0.0.1/24)");
        assertThatThrownBy(() -> range("10.0.0.100", "10.0.0.50")).hasMessageContaining("dhcp.end")
                .hasMessageContaining("10.0.0.50 does not follow 10.0.0.100 in the subnet 10.0.0.0/24");
        assertThatThrownBy(() -> range("10.0.0.100", "10.0.0.255")).hasMessageContaining("broadcast");
        assertThatThrownBy(() -> range("10.0.0.1", "10.0.0.9")).hasMessageContaining("includes the bridge's own address 10.0.0.1");
        assertThatThrownBy(() -> range("10.0.0.300", "10.0.0.9")).hasMessageContaining("'10.0.0.300' is not an IPv4 address");
        assertThat(hosts(java.util.Map.of("web", "10.0.0.10", "db", "10.0.0.200")).dhcp().hosts())
                .containsExactly(java.util.Map.entry("db", "10.0.0.200"), java.util.Map.entry("web", "10.0.0.10"));
        assertThatThrownBy(() -> hosts(java.util.Map.of("web_1", "10.0.0.10"))).hasMessageContaining("dhcp.hosts.web_1")
                .hasMessageContaining("'web_1' is not a host name");
        assertThatThrownBy(() -> hosts(java.util.Map.of("web", "10.1.0.10"))).hasMessageContaining("dhcp.hosts.web")
                .hasMessageContaining("10.1.0.10 is in no subnet of the bridge's addresses (10.0.0.1/24)");
        assertThatThrownBy(() -> hosts(java.util.Map.of("web", "10.0.0.1"))).hasMessageContaining("the bridge's own address");
        assertThatThrownBy(() -> hosts(java.util.Map.of("a", "10.0.0.7", "b", "10.0.0.7")))
                .hasMessageContaining("dhcp.hosts.b").hasMessageContaining("10.0.0.7 is reserved for a already");
    }

    private static HostBridge.Dhcp dhcp(String... addresses) {
        return new HostBridge("br0", List.of(), List.of(addresses), false, HostBridge.Dhcp.wholeSubnet(true)).dhcp();
    }

    @Test
    void aForwardNamesItsVmByAddressOrReservedNameOnTheBridgeAndTakesAPortOnce() {
        assertThatThrownBy(() -> forward(new HostBridge.PortForward("tcp", null, 8080, "db", 80)))
                .hasMessageContaining("forwardPorts.[0].guest.address")
                .hasMessageContaining("'db' is neither an IPv4 address nor a name of this bridge's dhcp.hosts (web)");
        assertThatThrownBy(() -> forward(new HostBridge.PortForward("tcp", null, 8080, "10.9.0.5", 80)))
                .hasMessageContaining("10.9.0.5 is no VM's address on this bridge");
        assertThatThrownBy(() -> forward(new HostBridge.PortForward("tcp", null, 8080, "10.0.0.1", 80)))
                .hasMessageContaining("or the bridge's own");
        assertThatThrownBy(() -> forward(new HostBridge.PortForward("tcp", null, 0, "web", 80)))
                .hasMessageContaining("forwardPorts.[0].host.port").hasMessageContaining("a port is 1 to 65535");
        assertThatThrownBy(() -> forward(new HostBridge.PortForward("tcp", "192.0.2.1", 8080, "web", 80),
                new HostBridge.PortForward("tcp", null, 8080, "10.0.0.9", 80)))
                .hasMessageContaining("forwardPorts.[1].host.port").hasMessageContaining("tcp port 8080 is forwarded twice");
        assertThat(forward(new HostBridge.PortForward("tcp", "192.0.2.1", 8080, "web", 80),
                new HostBridge.PortForward("tcp", "192.0.2.9", 8080, "10.0.0.9", 80),
                new HostBridge.PortForward("udp", null, 8080, "web", 53)).forwardPorts()).hasSize(3);
    }

    private static HostBridge forward(HostBridge.PortForward... forwards) {
        return new HostBridge("br0", List.of(), List.of("10.0.0.1/24"), false,
                new HostBridge.Dhcp(null, null, true, java.util.Map.of("web", "10.0.0.10")), List.of(forwards));
    }

    private static HostBridge hosts(java.util.Map<String, String> hosts) {
        return new HostBridge("br0", List.of(), List.of("10.0.0.1/24"), false, new HostBridge.Dhcp(null, null, true, hosts));
    }

    private static HostBridge range(String start, String end) {
        return new HostBridge("br0", List.of(), List.of("10.0.0.1/24"), false, new HostBridge.Dhcp(start, end, true));
    }
}
