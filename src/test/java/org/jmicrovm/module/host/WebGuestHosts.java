package org.jmicrovm.module.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.module.ModuleSystem;

/**
 * Host configurations with one VM, {@code web}, whose guest configuration is a test's text, for tests of what
 * a guest may write. The host also sets an option of its own NixOS (accepted and ignored). Each host is a file
 * of its own: the module system caches what it imported by path.
 */
final class WebGuestHosts {

    private final ModuleSystem system;
    private final Path dir;
    private int written;

    WebGuestHosts(ModuleSystem system, Path dir) {
        this.system = system;
        this.dir = dir;
    }

    /** The host whose guest configuration is {@code { pkgs, ... }: { <guest> }}. */
    EvaluatedHost evaluate(String guest) throws IOException {
        Path host = dir.resolve("host-" + (++written) + ".nix");
        Files.writeString(host, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  services.nginx.enable = true; # the host's own: accepted and ignored
                  microvm.vms.web.config = { pkgs, ... }: {
                %s
                  };
                }
                """.formatted(guest));
        return new HostEvaluator(system).evaluate(host);
    }
}
