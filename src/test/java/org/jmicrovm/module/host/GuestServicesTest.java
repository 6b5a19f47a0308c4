package org.jmicrovm.module.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.VmDeclaration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** systemd.services as NixOS users write them: serviceConfig.{ExecStart,Type,User,RestartSec} and path. */
class GuestServicesTest {

    @RegisterExtension
    static final WebGuestHosts hosts = new WebGuestHosts();

    @TempDir
    Path dir;

    EvaluatedHost host(String services) throws IOException {
        return hosts.evaluate(services);
    }

    GuestOs.Service service(String services, String name) throws IOException {
        MicroVmSpec spec = ((VmDeclaration.FullyDeclarative) host(services).model().vms().get("web")).spec();
        return spec.guestOs().services().get(name);
    }

    @Test
    void serviceConfigAndPathReachTheGuestsService() throws IOException {
        GuestOs.Service web = service("""
                systemd.services.web = {
                  path = [ pkgs.busybox ];
                  serviceConfig.ExecStart = "/bin/httpd -f -p 80";
                  serviceConfig.User = "www";
                  serviceConfig.Restart = "on-failure";
                  serviceConfig.RestartSec = "5s";
                };
                """, "web");
        assertThat(web.script()).isEqualTo("exec /bin/httpd -f -p 80\n");
        assertThat(web.user()).contains("www");
        assertThat(web.restartSec()).isEqualTo(5);
        assertThat(web.restart()).isEqualTo(GuestOs.Restart.ON_FAILURE);
        assertThat(web.type()).isEqualTo(GuestOs.ServiceType.SIMPLE);
        assertThat(web.path()).containsExactly("busybox");

        GuestOs.Service once = service("""
                systemd.services.once = { serviceConfig.Type = "oneshot"; serviceConfig.RestartSec = 3; script = "true"; };
                """, "once");
        assertThat(once.type()).isEqualTo(GuestOs.ServiceType.ONESHOT);
        assertThat(once.restartSec()).isEqualTo(3);
        assertThat(once.user()).isEqualTo(Optional.empty());
        assertThat(once.script()).isEqualTo("true");
    }

    @Test
    void preStartRunsFirstAndAFailureStopsTheStart() throws IOException, InterruptedException {
        GuestOs.Service web = service("""
                systemd.services.web = {
                  preStart = ''
                    mkdir -p /tmp/web
                    echo 'pre ran' > /tmp/web/mark
                    false
                    echo "not reached"
                  '';
                  serviceConfig.ExecStart = "/bin/echo started";
                };
                """, "web");
        assertThat(web.script()).isEqualTo("sh -e -c 'mkdir -p /tmp/web\necho '\\''pre ran'\\'' > /tmp/web/mark\nfalse\necho \"not reached\"'"
                + " || exit $?\n"
                + "exec /bin/echo started\n");
        // what the guest's shell makes of it: the failing preStart ends the start with its status
        Process sh = new ProcessBuilder("sh", "-c", web.script().replace("/tmp/web", dir.resolve("web").toString()))
                .redirectErrorStream(true).start();
        String output = new String(sh.getInputStream().readAllBytes());
        assertThat(sh.waitFor()).isEqualTo(1);
        assertThat(output).doesNotContain("not reached").doesNotContain("started");
        assertThat(dir.resolve("web/mark")).content().isEqualTo("pre ran\n");

        GuestOs.Service ok = service("""
                systemd.services.ok = { preStart = "echo prepared"; script = "echo started"; };
                """, "ok");
        Process runs = new ProcessBuilder("sh", "-c", ok.script()).redirectErrorStream(true).start();
        assertThat(new String(runs.getInputStream().readAllBytes())).isEqualTo("prepared\nstarted\n");
        assertThat(runs.waitFor()).isZero();
    }

    @Test
    void directoriesAreNamedAsSystemdNamesThem() throws IOException {
        GuestOs.Service web = service("""
                systemd.services.web = {
                  script = "true";
                  serviceConfig.WorkingDirectory = "/var/lib/web";
                  serviceConfig.StateDirectory = "web  web/cache";
                  serviceConfig.RuntimeDirectory = [ "web" ];
                };
                """, "web");
        assertThat(web.directories()).isEqualTo(new GuestOs.Service.Directories(Optional.of("/var/lib/web"),
                java.util.List.of("web", "web/cache"), java.util.List.of("web")));
        assertThat(service("systemd.services.none.script = \"true\";", "none").directories())
                .isEqualTo(GuestOs.Service.Directories.NONE);
        assertThatThrownBy(() -> host("systemd.services.web = { script = \"true\"; serviceConfig.StateDirectory = \"../etc\"; };")
                .model()).hasMessageContaining("StateDirectory").hasMessageContaining("'../etc' is not a relative directory name");
        assertThatThrownBy(() -> host("systemd.services.web = { script = \"true\"; serviceConfig.WorkingDirectory = \"srv\"; };")
                .model()).hasMessageContaining("WorkingDirectory").hasMessageContaining("not an absolute path");
    }

    @Test
    void aServiceRunsEitherItsScriptOrItsExecStart() throws IOException {
        assertThatThrownBy(() -> host("systemd.services.web.serviceConfig.Restart = \"always\";").model())
                .hasMessageContaining("systemd.services.web.script: is empty: a guest service runs its script, or"
                        + " serviceConfig.ExecStart")
                .hasMessageContaining(hosts.dir().toString());
        assertThatThrownBy(() -> host("""
                systemd.services.web = { script = "true"; serviceConfig.ExecStart = "/bin/true"; };
                """).model())
                .hasMessageContaining("systemd.services.web.serviceConfig.ExecStart: is set as well as script");
        assertThatThrownBy(() -> host("systemd.services.web = { script = \"true\"; serviceConfig.RestartSec = \"5min\"; };")
                .model()).hasMessageContaining("RestartSec").hasMessageContaining("5min");
    }
}
