package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.HostSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm-host bridges --join NAME}, as the tap unit of {@code export-systemd} runs it, inside a network
 * namespace: the last switch's bridges are made (here after a "reboot" removed them) with their DHCP server, and
 * the VM's taps (as its runner lists them) join the bridge they match.
 */
class BridgesCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final NamespacedHost.Scope hosts = new NamespacedHost.Scope();

    @Test
    void theLastSwitchsBridgesAreMadeAndAVmsTapsJoinThem() throws Exception {
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        NamespacedHost host = hosts.create("jmvc-", state, tmp);
        new HostSettings(List.of(), 150, List.of(), List.of(new HostBridge("microvm", List.of("vm-*"),
                List.of("10.77.0.1/24"), false, HostBridge.Dhcp.wholeSubnet(false)))).write(state);
        // a VM whose runner has one tap, made (as its tap-up would) before the command runs
        Path runner = Files.createDirectories(tmp.resolve("store/aaa-microvm-qemu-web/share/microvm"));
        Files.writeString(runner.resolve("tap-interfaces"), "vm-web\n");
        Files.createDirectories(state.root().resolve("web"));
        Files.createSymbolicLink(state.root().resolve("web/current"), tmp.resolve("store/aaa-microvm-qemu-web"));
        assertThat(host.exec("ip", "tuntap", "add", "dev", "vm-web", "mode", "tap")).startsWith("0:");

        String output = host.java(MicrovmHostCommand.class, "bridges", "bridges", "--join", "web",
                "--state-dir=" + state.root());
        assertThat(output).contains("made bridge microvm", "DHCP on bridge microvm: leases 10.77.0.2-10.77.0.254 (dnsmasq)",
                "tap vm-web joined bridge microvm");
        assertThat(host.exec("ip", "link", "show", "vm-web")).contains("master microvm");
        assertThat(host.exec("ip", "addr", "show", "microvm")).contains("inet 10.77.0.1/24");

        // again (the next VM's start): nothing is made twice
        assertThat(host.java(MicrovmHostCommand.class, "bridges-again", "bridges", "--state-dir=" + state.root()))
                .doesNotContain("made bridge", "DHCP on bridge");
        assertThat(CliRun.microvmHost("bridges", "--join", "nope", "--state-dir=" + state.root()).output())
                .contains("MicroVM nope has no current runner in " + state.root());
    }
}
