package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm.host.bridges} end to end, inside a network namespace (the host's interfaces are never
 * touched): {@code microvm-host switch} makes the bridge with its address, starts the VM, whose tap joins the
 * bridge; the guest takes its address from the bridge's DHCP server, which also resolves its name, and its web
 * server answers on that address from the host side of the bridge; the guest reaches a server on another
 * network through the host's NAT ({@code nat = true}); with an address reserved for it, a port of the host
 * forwarded to it answers from that other network.
 */
@Tag("vm")
class BridgedGuestTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final NamespacedHost.Scope hosts = new NamespacedHost.Scope();

    NamespacedHost host;
    StateDirectory state;
    String ns;
    String outside;
    Process server;

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.destroyForcibly();
        }
        if (outside != null) {
            run("ip", "netns", "delete", outside);
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        return NamespacedHost.run(command);
    }

    String hostCommand(String verb, Path hostFile) throws Exception {
        return host.microvmHost(verb, hostFile);
    }

    @Test
    void theGuestAnswersOnItsAddressThroughTheBridgeTheSwitchMade() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        host = hosts.create("jmvg-", state, tmp);
        ns = host.ns;
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.host.bridges.microvm = { interfaces = [ "vm-*" ]; addresses = [ "10.77.0.1/24" ]; nat = true; dhcp.enable = true; };
                  microvm.vms.bridged.config = {
                    microvm.mem = 256;
                    microvm.interfaces = [ { type = "tap"; id = "vm-bridged"; mac = "02:00:00:00:77:02"; } ];
                    # out through the host's NAT to a server on another network
                    systemd.services.out = {
                      wantedBy = [ "multi-user.target" ];
                      script = "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O /tmp/out http://192.0.2.2:8080/ && break; sleep 1; done; echo \\"OUTSIDE: $(cat /tmp/out)\\" > /dev/console; exec sleep 3600";
                    };
                    systemd.services.web = {
                      wantedBy = [ "multi-user.target" ];
                      script = "mkdir -p /tmp/www && echo bridged > /tmp/www/index.html && exec httpd -f -p 80 -h /tmp/www";
                    };
                  };
                }
                """);
        // another network behind the host: a namespace on a veth pair, with a web server telling who asked
        outside = ns + "o";
        assumeTrue(run("ip", "netns", "add", outside).startsWith("0:"));
        assertThat(run("ip", "link", "add", "jmv" + ProcessHandle.current().pid() % 100000, "netns", ns, "type", "veth",
                "peer", "name", "out0", "netns", outside)).startsWith("0:");
        String hostSide = "jmv" + ProcessHandle.current().pid() % 100000;
        assertThat(run("ip", "-n", ns, "addr", "add", "192.0.2.1/24", "dev", hostSide)).startsWith("0:");
        assertThat(run("ip", "-n", ns, "link", "set", hostSide, "up")).startsWith("0:");
        assertThat(run("ip", "-n", outside, "addr", "add", "192.0.2.2/24", "dev", "out0")).startsWith("0:");
        assertThat(run("ip", "-n", outside, "link", "set", "out0", "up")).startsWith("0:");
        assertThat(run("ip", "-n", outside, "link", "set", "lo", "up")).startsWith("0:");
        Files.createDirectories(tmp.resolve("www"));
        Files.writeString(tmp.resolve("www/index.html"), "hello from outside\n");
        server = new ProcessBuilder("ip", "netns", "exec", outside, "busybox", "httpd", "-f", "-vv", "-p", "8080",
                "-h", tmp.resolve("www").toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("outside.log").toFile()).start();

        // plan, then the whole switch, in the namespace: the bridge, the tap and the VM are made there
        String planLog = hostCommand("plan", hostFile);
        assertThat(planLog).contains("host bridge microvm: will be made, addresses 10.77.0.1/24, joined by taps vm-*,"
                + " NAT for 10.77.0.0/24, DHCP 10.77.0.2-10.77.0.254 and DNS (will be started)");
        String switchLog = hostCommand("switch", hostFile);
        assertThat(switchLog).contains("made bridge microvm",
                "DHCP on bridge microvm: leases 10.77.0.2-10.77.0.254, DNS on 10.77.0.1 (dnsmasq)");
        assertThat(run("ip", "-n", ns, "link", "show", "vm-bridged")).contains("master microvm");

        // the guest's lease, as `microvm status` shows it
        Path console = state.vm(new org.jmicrovm.state.VmName("bridged")).path().resolve("console.log");
        java.util.regex.Pattern leased = java.util.regex.Pattern.compile(
                "address: (10\\.77\\.0\\.[0-9]+) \\(tap vm-bridged, DHCP on bridge microvm\\)");
        String status = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !leased.matcher(status).find()) {
            Thread.sleep(500);
            status = CliRun.microvm("status", "bridged", "--state-dir=" + state.root()).output();
        }
        var lease = leased.matcher(status);
        assertThat(lease.find()).as(status + Files.readString(console)).isTrue();
        String address = lease.group(1);
        assertThat(CliRun.microvm("-l", "--json", "--state-dir=" + state.root()).output())
                .contains("\"addresses\" : [ \"" + address + "\" ]");
        // its name, as its DHCP request gave it, resolves to that address on the bridge's DNS
        assertThat(run("ip", "netns", "exec", ns, "busybox", "nslookup", "bridged", "10.77.0.1"))
                .contains("Address: " + address);

        String answer = "";
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !answer.contains("bridged")) {
            answer = run("ip", "netns", "exec", ns, "curl", "-s", "--max-time", "3", "http://" + address + "/");
            Thread.sleep(500);
        }
        assertThat(answer).as(Files.readString(console)).isEqualTo("0:bridged\n");

        // the guest reached the other network through the host, which masqueraded it as its own address there
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !Files.readString(console).contains("OUTSIDE: hello from outside")) {
            Thread.sleep(500);
        }
        assertThat(Files.readString(console)).contains("OUTSIDE: hello from outside");
        assertThat(Files.readString(tmp.resolve("outside.log"))).contains("192.0.2.1").doesNotContain(address);

        // a reserved address and a port of the host forwarded to it: from the other network, the guest's page
        String declared = Files.readString(hostFile);
        Files.writeString(hostFile, declared.replace("dhcp.enable = true;", "dhcp = { enable = true;"
                + " hosts.bridged = \"10.77.0.9\"; }; forwardPorts = [ { host.port = 8080; guest.address = \"bridged\";"
                + " guest.port = 80; } ];"));
        assertThat(hostCommand("switch", hostFile)).contains("port tcp 8080 -> 10.77.0.9:80");
        host.microvm("restart", "restart", "bridged");
        answer = "";
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !answer.contains("bridged")) {
            answer = run("ip", "netns", "exec", outside, "curl", "-s", "--max-time", "3", "http://192.0.2.1:8080/");
            Thread.sleep(500);
        }
        assertThat(answer).as(Files.readString(console)).isEqualTo("0:bridged\n");
        assertThat(CliRun.microvm("status", "bridged", "--state-dir=" + state.root()).output())
                .contains("address: 10.77.0.9 (tap vm-bridged, DHCP on bridge microvm)");

        // a switch that drops `nat` and the forward removes the table an earlier switch made, and nothing else
        Files.writeString(hostFile, declared.replace("nat = true;", ""));
        hostCommand("switch", hostFile);
        assertThat(run("ip", "netns", "exec", ns, "nft", "list", "table", "ip", "jmicrovm")).doesNotStartWith("0:");
        assertThat(run("ip", "-n", ns, "link", "show", "vm-bridged")).contains("master microvm");
    }
}
