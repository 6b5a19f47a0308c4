package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/bridged-host.nix} as it stands, switched inside a network namespace: both VMs boot on the
 * bridge, {@code web} gets the address reserved for it, the host's port 8080 reaches its page, and
 * {@code client} fetches that page by the name {@code web}, which the bridge's DNS resolves.
 */
@Tag("vm")
class BridgedExampleTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final NamespacedHost.Scope hosts = new NamespacedHost.Scope();

    @Test
    void theBridgedExampleServesItsPageOnTheForwardedPortAndByName() throws Exception {
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        NamespacedHost host = hosts.create("jmve-", state, tmp);
        Path example = Path.of("examples/bridged-host.nix").toAbsolutePath();

        assertThat(host.microvmHost("switch", example)).contains("made bridge microvm",
                "port tcp 8080 -> 10.0.0.10:80", "DHCP on bridge microvm: leases 10.0.0.2-10.0.0.254, DNS on 10.0.0.1");

        String page = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !page.contains("Hello from web")) {
            page = host.exec("curl", "-s", "--max-time", "3", "http://127.0.0.1:8080/");
            Thread.sleep(500);
        }
        Path webConsole = state.vm(new VmName("web")).path().resolve("console.log");
        assertThat(page).as(Files.readString(webConsole)).isEqualTo("0:Hello from web, 10.0.0.10 on the bridge\n");

        Path clientConsole = state.vm(new VmName("client")).path().resolve("console.log");
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !Files.readString(clientConsole).contains("Hello from web")) {
            Thread.sleep(500);
        }
        assertThat(Files.readString(clientConsole)).as("client fetched http://web/")
                .contains("Hello from web, 10.0.0.10 on the bridge");
        assertThat(CliRun.microvm("status", "web", "--state-dir=" + state.root()).output())
                .contains("address: 10.0.0.10 (tap vm-web, DHCP on bridge microvm)",
                        "port:    tcp 8080 -> 10.0.0.10:80 (forwarded by the host, bridge microvm)");
    }
}
