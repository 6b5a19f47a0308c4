package org.jmicrovm.supervise;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;

/**
 * What the last {@code switch} told the supervisor about the host: which VMs start on their
 * own ({@code microvm.autostart}) and how long a VM may take to stop
 * ({@code microvm.host.startupTimeout}). Kept as JSON in the state directory so the
 * supervisor reads it at start and on every reload.
 */
public record HostSettings(List<String> autostart, int startupTimeoutSeconds) {

    public static final HostSettings DEFAULT = new HostSettings(List.of(), 150);

    private static final ObjectMapper JSON = new ObjectMapper();

    public HostSettings {
        autostart = List.copyOf(autostart);
        if (startupTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeoutSeconds);
        }
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
