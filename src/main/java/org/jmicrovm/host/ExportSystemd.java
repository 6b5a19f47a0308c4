package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.HostSettings;
import org.jmicrovm.supervise.SystemdUnits;

/**
 * {@code microvm-host export-systemd DIR}: unit files for the VMs the last switch declared,
 * equivalent to microvm.nix's host module, written into DIR.
 */
public final class ExportSystemd {

    private final StateDirectory state;
    private final String user;
    private final String group;
    private final Optional<Path> microvmHost;

    /**
     * @param microvmHost jmicrovm's {@code microvm-host} launcher, which the tap unit runs to join the bridges;
     *                    needed when the last switch declared {@code microvm.host.bridges}
     */
    public ExportSystemd(StateDirectory state, String user, String group, Optional<Path> microvmHost) {
        this.state = state;
        this.user = user;
        this.group = group;
        this.microvmHost = microvmHost;
    }

    public ExportSystemd(StateDirectory state, String user, String group) {
        this(state, user, group, Optional.empty());
    }

    public Map<String, String> units() throws IOException {
        HostSettings settings = HostSettings.read(state);
        List<SystemdUnits.InstallUnit> installs = DeclaredVms.read(state).stream()
                .map(e -> new SystemdUnits.InstallUnit(e.name(), Path.of(e.runner()), e.toplevelPath(),
                        Optional.ofNullable(e.flake()), e.mode() == DeclaredVms.Mode.FLAKE_WITH_UPDATE))
                .toList();
        Optional<Path> launcher = Optional.empty();
        if (!settings.bridges().isEmpty()) {
            launcher = Optional.of(microvmHost.filter(Path::isAbsolute).orElseThrow(() -> new IOException(
                    "the last switch declared microvm.host.bridges, which the tap units join by running"
                            + " `microvm-host bridges --join NAME`: give its absolute path with --microvm-host")));
        }
        return SystemdUnits.generate(new SystemdUnits.Options(state.root(), settings.startupTimeoutSeconds(),
                settings.useNotifySockets(), user, group, launcher), installs, settings.autostart());
    }

    /** Writes the units; returns their paths. */
    public List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new java.util.ArrayList<>();
        for (var unit : units().entrySet()) {
            Path file = directory.resolve(unit.getKey());
            Files.writeString(file, unit.getValue());
            written.add(file);
        }
        return written;
    }
}
