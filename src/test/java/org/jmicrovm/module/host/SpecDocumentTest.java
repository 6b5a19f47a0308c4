package org.jmicrovm.module.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.SpecDocument;
import org.jmicrovm.model.VmDeclaration;
import org.jmicrovm.module.IsolatedModuleSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declaration a runner records ({@code share/microvm/declaration.json}) speaks the configuration's language: its
 * keys are the guest options of docs/options.md, also inside list items, so `plan` names what a person wrote.
 */
class SpecDocumentTest {

    private static final String GUEST = "microvm.vms.<name>.config.";
    @RegisterExtension
    static final IsolatedModuleSystem nix = new IsolatedModuleSystem();

    @TempDir
    Path dir;

    MicroVmSpec spec(String guest) throws IOException {
        Path host = dir.resolve("host.nix");
        Files.writeString(host, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.web.config = { ... }: {
                %s
                  };
                }
                """.formatted(guest));
        return ((VmDeclaration.FullyDeclarative) new HostEvaluator(nix.system()).evaluate(host).model().vms().get("web")).spec();
    }

    static final String EVERY_LIST = """
            microvm.shares = [{ tag = "data"; source = "/srv/data"; mountPoint = "/data"; proto = "virtiofs"; }];
            microvm.volumes = [{ image = "data.img"; mountPoint = "/var/lib/data"; size = 64; }];
            microvm.interfaces = [
              { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; }
              { type = "tap"; id = "vm-web"; mac = "02:00:00:00:00:02"; }
              { type = "macvtap"; id = "vm-mac"; mac = "02:00:00:00:00:03"; macvtap.link = "eth0"; macvtap.mode = "bridge"; }
            ];
            microvm.forwardPorts = [{ from = "host"; host.port = 8080; guest.port = 80; }];
            microvm.devices = [{ bus = "pci"; path = "0000:01:00.0"; }];
            microvm.vsock.cid = 5;
            users.users.alice = { isNormalUser = true; openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAA alice" ]; };
            systemd.services.hello = { script = "echo hi"; wantedBy = [ "multi-user.target" ]; serviceConfig.Restart = "always"; };
            environment.etc."motd".text = "hello";
            """;

    @Test
    void keysAreTheGuestOptionsAlsoInsideListItems() throws IOException {
        Set<String> options = guestOptions();
        Map<String, Object> document = SpecDocument.of(spec(EVERY_LIST));

        Set<String> notOptions = new TreeSet<>(document.keySet());
        notOptions.removeAll(options);
        // the version of the record, and the package set's system (set by the host's microvm.vms.<name>.pkgs)
        assertThat(notOptions).containsExactlyInAnyOrder("jmicrovm.declarationVersion", "pkgs.system");
        for (String list : List.of("microvm.shares", "microvm.volumes", "microvm.interfaces", "microvm.forwardPorts",
                "microvm.devices")) {
            List<?> items = (List<?>) document.get(list);
            assertThat(items).as(list).isNotEmpty();
            for (Object item : items) {
                Set<String> fields = new TreeSet<>();
                leaves("", (Map<?, ?>) item).forEach(f -> fields.add(list + ".*." + f));
                fields.removeAll(options);
                // an unset group of options (a user interface's macvtap) is one null
                fields.removeIf(f -> options.stream().anyMatch(o -> o.startsWith(f + ".")));
                assertThat(fields).as("fields of %s that are not options", list).isEmpty();
            }
        }
        Map<?, ?> alice = (Map<?, ?>) ((Map<?, ?>) document.get("users.users")).get("alice");
        assertThat(alice.get("openssh.authorizedKeys.keys")).isEqualTo(List.of("ssh-ed25519 AAAA alice"));
        Map<?, ?> hello = (Map<?, ?>) ((Map<?, ?>) document.get("systemd.services")).get("hello");
        assertThat(hello.get("serviceConfig.Restart")).isEqualTo("always");
        assertThat(document.get("microvm.mem")).isEqualTo(512);
        assertThat(document.get("microvm.hypervisor")).isEqualTo("qemu");
        assertThat(document.get("microvm.vsock.cid")).isEqualTo(5);
        assertThat(document.get("microvm.user")).isNull();
    }

    @Test
    void equalDeclarationsGiveEqualDocumentsWhateverTheOrderOfAttributes() throws IOException {
        Map<String, Object> a = SpecDocument.of(spec("""
                systemd.services.a.script = "a";
                systemd.services.b.script = "b";
                environment.etc."x".text = "x";
                environment.etc."y".text = "y";
                """));
        Map<String, Object> b = SpecDocument.of(spec("""
                environment.etc."y".text = "y";
                systemd.services.b.script = "b";
                environment.etc."x".text = "x";
                systemd.services.a.script = "a";
                """));
        assertThat(a).isEqualTo(b);
        assertThat(a.toString()).isEqualTo(b.toString());
    }

    /** The dotted paths of the scalar and list values of a record's tree ({@code macvtap.link}). */
    private static Set<String> leaves(String prefix, Map<?, ?> tree) {
        Set<String> out = new TreeSet<>();
        tree.forEach((k, v) -> {
            String path = prefix + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty() && !path.equals("qemu")) {
                out.addAll(leaves(path + ".", m));
            } else {
                out.add(path);
            }
        });
        return out;
    }

    /** The guest options as docs/options.md lists them (a test keeps that file equal to `microvm-host options`). */
    private static Set<String> guestOptions() throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^## `" + Pattern.quote(GUEST) + "([^`]+)`$")
                .matcher(Files.readString(Path.of("docs/options.md")));
        while (m.find()) {
            out.add(m.group(1));
        }
        assertThat(out).hasSizeGreaterThan(100);
        return out;
    }
}
