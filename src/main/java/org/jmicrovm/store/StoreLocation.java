package org.jmicrovm.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the store lives. In order: the {@code --store} option, the {@code MICROVM_STORE}
 * environment variable, then {@value #SYSTEM_DEFAULT} when running as root (or when it already
 * exists and is writable), and otherwise {@code $XDG_DATA_HOME/jmicrovm/store}
 * (default {@code ~/.local/share/jmicrovm/store}) so an unprivileged user can build too.
 */
public final class StoreLocation {
    public static final String ENV = "MICROVM_STORE";
    public static final String SYSTEM_DEFAULT = "/var/lib/jmicrovm/store";

    private StoreLocation() {}

    public static Path resolve(Optional<Path> option, Map<String, String> env, boolean root) {
        if (option.isPresent()) {
            return option.get().toAbsolutePath();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        Path system = Path.of(SYSTEM_DEFAULT);
        if (root || Files.isWritable(system)) {
            return system;
        }
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(env.getOrDefault("HOME", "/tmp"), ".local", "share");
        return base.resolve("jmicrovm").resolve("store");
    }
}
