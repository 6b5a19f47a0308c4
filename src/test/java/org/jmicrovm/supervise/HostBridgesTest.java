package org.jmicrovm.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.model.InvalidSpecException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code microvm.host.bridges} with the real {@code ip}, inside a network namespace the test makes and deletes
 * (the host's own interfaces are never touched): bridges made once with their addresses, taps joining the
 * bridge their id matches.
 */
class HostBridgesTest {

    String ns;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for ip netns");
        ns = "jmvb-" + ProcessHandle.current().pid();
        assumeTrue(sh("ip", "netns", "add", ns).startsWith("0:"), "ip netns add failed");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (ns != null) {
            sh("ip", "netns", "delete", ns);
        }
    }

    static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() + ":" + out;
    }

    @Test
    void bridgesAreMadeOnceAndTapsJoinTheOneTheyMatch() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), log::add);
        List<HostBridge> declared = List.of(new HostBridge("microvm", List.of("vm-*"), List.of("10.77.0.1/24")),
                new HostBridge("lab", List.of("lab?"), List.of()));
        assertThat(bridges.preview(declared)).containsExactly(
                "bridge microvm: will be made, addresses 10.77.0.1/24, joined by taps vm-*", "bridge lab: will be made,"
                        + " joined by taps lab?");
        bridges.ensure(declared);
        assertThat(bridges.preview(declared).get(0)).startsWith("bridge microvm: exists");
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
    void natIsOneTableRewrittenByEverySwitchAndRemovedOnRequest() throws Exception {
        HostBridges bridges = new HostBridges(List.of("ip", "netns", "exec", ns), log::add);
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
        HostBridges noTools = new HostBridges(List.of("/nonexistent/prefix"), log::add);
        noTools.ensure(List.of());
        assertThatThrownBy(() -> noTools.ensure(List.of(new HostBridge("microvm", List.of(), List.of("10.0.0.1/24"), true))))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot be run");
    }
}
