package org.jmicrovm.supervise;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;

/**
 * What the last {@code switch} told the supervisor about the host: which VMs start on their
 * own ({@code microvm.autostart}), how long a VM may take to stop or come up
 * ({@code microvm.host.startupTimeout}), which a switch rolls back when they do not come up, the host's
 * bridges, and whether exported units wait for the guests' readiness ({@code useNotifySockets}). Kept as JSON
 * in the state directory so the supervisor reads it at start and on every reload.
 */
public record HostSettings(List<String> autostart, int startupTimeoutSeconds, List<String> rollbackOnFailure,
                           List<HostBridge> bridges, boolean useNotifySockets) {

    public static final HostSettings DEFAULT = new HostSettings(List.of(), 150);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param rollbackOnFailure the VMs a switch waits for after starting them, and rolls back when they do
     *                          not come up ({@code microvm.vms.<name>.rollbackOnFailure}); absent in files
     *                          written before it existed
     * @param bridges           {@code microvm.host.bridges}: made by the switch, joined by taps at each start
     * @param useNotifySockets  {@code microvm.host.useNotifySockets}, for the units {@code export-systemd} writes
     */
    @JsonCreator
    public HostSettings(@JsonProperty("autostart") List<String> autostart,
                        @JsonProperty("startupTimeoutSeconds") int startupTimeoutSeconds,
                        @JsonProperty("rollbackOnFailure") List<String> rollbackOnFailure,
                        @JsonProperty("bridges") List<HostBridge> bridges,
                        @JsonProperty("useNotifySockets") boolean useNotifySockets) {
        if (startupTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeoutSeconds);
        }
        this.autostart = List.copyOf(autostart);
        this.startupTimeoutSeconds = startupTimeoutSeconds;
        this.rollbackOnFailure = rollbackOnFailure == null ? List.of() : List.copyOf(rollbackOnFailure);
        this.bridges = bridges == null ? List.of() : List.copyOf(bridges);
        this.useNotifySockets = useNotifySockets;
    }

    public HostSettings(List<String> autostart, int startupTimeoutSeconds, List<String> rollbackOnFailure,
                        List<HostBridge> bridges) {
        this(autostart, startupTimeoutSeconds, rollbackOnFailure, bridges, false);
    }

    public HostSettings(List<String> autostart, int startupTimeoutSeconds) {
        this(autostart, startupTimeoutSeconds, List.of(), List.of());
    }

    public static Path file(StateDirectory state) {
        return state.bookkeeping().resolve("host-settings.json");
    }

    public static HostSettings read(StateDirectory state) throws IOException {
        Path file = file(state);
        if (!Files.exists(file)) {
            return DEFAULT;
        }
        return JSON.readValue(file.toFile(), HostSettings.class);
    }

    public void write(StateDirectory state) throws IOException {
        Files.createDirectories(state.bookkeeping());
        Links.writeAtomically(file(state), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }
}
