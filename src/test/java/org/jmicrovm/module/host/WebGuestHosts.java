package org.jmicrovm.module.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.module.IsolatedModuleSystem;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.store.FileTrees;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Host configurations with one VM, {@code web}, whose guest configuration is a test's text, for tests of what
 * a guest may write; a test class registers it as {@code @RegisterExtension static final WebGuestHosts hosts}.
 * The host also sets an option of its own NixOS (accepted and ignored). Each host is a file of its own: the
 * module system caches what it imported by path.
 */
final class WebGuestHosts implements BeforeAllCallback, AfterAllCallback {

    private final IsolatedModuleSystem modules = new IsolatedModuleSystem();
    private Path dir;
    private int written;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        modules.beforeAll(context);
        dir = Files.createTempDirectory("jmicrovm-hosts");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        modules.afterAll(context);
        FileTrees.deleteRecursively(dir);
    }

    ModuleSystem system() {
        return modules.system();
    }

    /** Where the host files are written (and relative paths of evaluated expressions resolve). */
    Path dir() {
        return dir;
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
        return new HostEvaluator(system()).evaluate(host);
    }
}
