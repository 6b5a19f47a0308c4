package org.jmicrovm.build.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.jmicrovm.model.GuestOs;
import org.junit.jupiter.api.Test;

/** A service's run script, run by a real shell: what NixOS users expect of their scripts holds. */
class ServiceScriptsTest {

    record Ran(int status, String output) {}

    static Ran sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Ran(p.waitFor(), out);
    }

    @Test
    void theFirstFailingCommandEndsTheScriptAsInNixos() throws Exception {
        String run = ServiceScripts.run("/bin/busybox", "web",
                GuestOs.Service.simple("echo one\nfalse\necho not reached\n"), "/usr/bin:/bin", false);
        Ran ran = sh(run);
        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.output()).isEqualTo("one\n");
    }

    @Test
    void directoriesAreMadeForTheUserAndTheServiceStartsInItsWorkingDirectory(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        GuestOs.Service plain = GuestOs.Service.simple("pwd\necho \"$STATE_DIRECTORY|$RUNTIME_DIRECTORY\"\n");
        GuestOs.Service web = new GuestOs.Service("", plain.script(), GuestOs.ServiceType.SIMPLE, GuestOs.Restart.NO, 1,
                java.util.Optional.of("alice"), java.util.Map.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of("multi-user.target"), new GuestOs.Service.Directories(
                        java.util.Optional.of(tmp.toString()), java.util.List.of("web", "web/cache"),
                        java.util.List.of("web")));
        assertThat(sh(ServiceScripts.run("/bin/busybox", "web", web, "/usr/bin:/bin", false)))
                .isEqualTo(new Ran(0, tmp + "\n/var/lib/web:/var/lib/web/cache|/run/web\n"));
        assertThat(ServiceScripts.supervise("/bin/busybox", "web", web, "/etc/services/web/run")).contains(
                "mkdir -p /var/lib/web\nchown alice /var/lib/web\n",
                "mkdir -p /var/lib/web/cache\nchown alice /var/lib/web/cache\n",
                "mkdir -p /run/web\nchown alice /run/web\n");
        assertThat(ServiceScripts.supervise("/bin/busybox", "plain", plain, "/etc/services/plain/run"))
                .doesNotContain("mkdir").doesNotContain("chown");
    }

    @Test
    void conditionsAndOrListsDoNotEndIt() throws Exception {
        String run = ServiceScripts.run("/bin/busybox", "web",
                GuestOs.Service.simple("[ -e /no/such/file ] || echo absent\nif false; then :; fi\necho done\n"),
                "/usr/bin:/bin", false);
        assertThat(sh(run)).isEqualTo(new Ran(0, "absent\ndone\n"));
    }
}
