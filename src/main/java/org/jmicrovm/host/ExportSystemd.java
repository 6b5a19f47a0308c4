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

    public ExportSystemd(StateDirectory state, String user, String group) {
        this.state = state;
        this.user = user;
        this.group = group;
    }

    public Map<String, String> units() throws IOException {
        HostSettings settings = HostSettings.read(state);
        List<SystemdUnits.InstallUnit> installs = DeclaredVms.read(state).stream()
                .map(e -> new SystemdUnits.InstallUnit(e.name(), Path.of(e.runner()), e.toplevelPath(),
                        Optional.ofNullable(e.flake()), e.mode() == DeclaredVms.Mode.FLAKE_WITH_UPDATE))
                .toList();
        return SystemdUnits.generate(new SystemdUnits.Options(state.root(), settings.startupTimeoutSeconds(), false,
                user, group), installs, settings.autostart());
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
