package org.jmicrovm.module.host;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.module.ModuleSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values the module system's types accept but a MicroVM cannot use (a volume of size 0, a service without a
 * script, an interface the VM has no card for) are reported at the place they were written: file, line and
 * column of the attribute, found through the option's definitions, across definitions and files.
 */
class LocatedModelErrorsTest {

    private static ModuleSystem system;
    private static HostEvaluator hosts;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        system = ModuleSystem.create(EvalOptions.isolated().withCurrentSystem("x86_64-linux").withTraceSink(l -> { }));
        hosts = new HostEvaluator(system);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String STORE_SHARE =
            "microvm.shares = [ { tag = \"ro-store\"; source = \"/nix/store\"; mountPoint = \"/nix/.ro-store\"; } ];";

    @Test
    void volumeOfSizeZeroPointsAtItsSizeAttribute() throws IOException {
        Path f = file("host.nix", """
                {
                  microvm.vms.web.config = {
                    %s
                    microvm.volumes = [
                      { image = "a.img"; mountPoint = "/a"; size = 16; }
                      { image = "b.img"; mountPoint = "/b";
                        size = 0; }
                    ];
                  };
                }
                """.formatted(STORE_SHARE));
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(f + ":7:9: vm web: microvm.volumes.[1].size: must be a positive integer, got 0");
    }

    @Test
    void listElementsAreCountedAcrossDefinitionsInOtherFiles() throws IOException {
        file("volumes.nix", """
                { ... }: {
                  microvm.volumes = [
                    { image = "c.img"; mountPoint = "/c"; size = -4; }
                  ];
                }
                """);
        Path f = file("host.nix", """
                {
                  microvm.vms.web.config = {
                    imports = [ ./volumes.nix ];
                    %s
                    microvm.volumes = [ { image = "a.img"; mountPoint = "/a"; size = 8; } ];
                  };
                }
                """.formatted(STORE_SHARE));
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(dir.resolve("volumes.nix") + ":3:43: vm web: microvm.volumes.[")
                .hasMessageEndingWith("].size: must be a positive integer, got -4");
    }

    @Test
    void attributeSetElementsAndNamesWithDots() throws IOException {
        Path f = file("host.nix", """
                {
                  microvm.vms.web.config = {
                    %s
                    environment.etc."resolv.conf" = {
                      text = "nameserver 10.0.0.1";
                      mode = "rw-r--r--";
                    };
                  };
                }
                """.formatted(STORE_SHARE));
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(f + ":6:7: vm web: environment.etc.resolv.conf.mode: ");
    }

    @Test
    void readerChecksAreLocatedToo() throws IOException {
        Path f = file("host.nix", """
                {
                  microvm.vms.web.config = {
                    %s
                    systemd.services.hello = {
                      wantedBy = [ "multi-user.target" ];
                      script = "  ";
                    };
                  };
                }
                """.formatted(STORE_SHARE));
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(f + ":6:7: vm web: systemd.services.hello.script: is empty: jmicrovm's guest services run a script");

        Path g = file("host2.nix", """
                {
                  microvm.vms.web.config = {
                    %s
                    networking.interfaces.eth1.useDHCP = true;
                  };
                }
                """.formatted(STORE_SHARE));
        assertThatThrownBy(() -> hosts.evaluate(g).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(g + ":4:5: vm web: networking.interfaces.eth1: VM web has no such network card;");
    }

    @Test
    void aScalarOptionPointsAtItsDefinition() throws IOException {
        Path f = file("host.nix", """
                { lib, ... }: {
                  microvm.vms.web.config = {
                    %s
                    microvm.forwardPorts = [ { from = "host"; host.port = 0; guest.port = 22; } ];
                    microvm.interfaces = [ { type = "user"; id = "u"; mac = "02:00:00:00:00:01"; } ];
                  };
                }
                """.formatted(STORE_SHARE));
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("microvm.forwardPorts.[0].host.port")
                .hasMessageStartingWith(f + ":4:");
    }
}
