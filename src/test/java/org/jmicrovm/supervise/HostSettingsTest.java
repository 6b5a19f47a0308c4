package org.jmicrovm.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host settings a switch leaves for the supervisor, as written and as read back, also from older files. */
class HostSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void writtenAndReadBack() throws Exception {
        StateDirectory state = new StateDirectory(tmp);
        assertThat(HostSettings.read(state)).isEqualTo(HostSettings.DEFAULT);
        HostSettings settings = new HostSettings(List.of("web"), 30, List.of("db"),
                List.of(new org.jmicrovm.model.HostBridge("microvm", List.of("vm-*"), List.of("10.0.0.1/24")),
                        new org.jmicrovm.model.HostBridge("lab", List.of("lab-*"), List.of("10.1.0.1/24"), true,
                                new org.jmicrovm.model.HostBridge.Dhcp("10.1.0.100", "10.1.0.199", false,
                                        java.util.Map.of("web", "10.1.0.10")),
                                List.of(new org.jmicrovm.model.HostBridge.PortForward("tcp", null, 8080, "web", 80)))));
        settings.write(state);
        assertThat(HostSettings.read(state)).isEqualTo(settings);
    }

    @Test
    void aBridgeFromBeforeDhcpAndForwardsReadsAsWithoutThem() throws Exception {
        StateDirectory state = new StateDirectory(tmp);
        Files.createDirectories(HostSettings.file(state).getParent());
        Files.writeString(HostSettings.file(state), """
                { "autostart" : [ ], "startupTimeoutSeconds" : 40, "rollbackOnFailure" : [ ],
                  "bridges" : [ { "name" : "microvm", "interfaces" : [ "vm-*" ], "addresses" : [ "10.0.0.1/24" ], "nat" : true } ] }
                """);
        var bridge = HostSettings.read(state).bridges().get(0);
        assertThat(bridge.dhcpServer()).isEmpty();
        assertThat(bridge.forwardPorts()).isEmpty();
        assertThat(bridge.nat()).isTrue();
    }

    @Test
    void aFileFromBeforeRollbackOnFailureReadsAsNone() throws Exception {
        StateDirectory state = new StateDirectory(tmp);
        Files.createDirectories(HostSettings.file(state).getParent());
        Files.writeString(HostSettings.file(state), "{ \"autostart\" : [ \"web\" ], \"startupTimeoutSeconds\" : 40 }\n");
        assertThat(HostSettings.read(state)).isEqualTo(new HostSettings(List.of("web"), 40, List.of(), List.of()));
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new HostSettings(List.of(), 0)).hasMessageContaining("startupTimeout must be positive");
    }
}
