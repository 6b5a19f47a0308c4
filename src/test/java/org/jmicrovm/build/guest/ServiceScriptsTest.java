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
    void conditionsAndOrListsDoNotEndIt() throws Exception {
        String run = ServiceScripts.run("/bin/busybox", "web",
                GuestOs.Service.simple("[ -e /no/such/file ] || echo absent\nif false; then :; fi\necho done\n"),
                "/usr/bin:/bin", false);
        assertThat(sh(run)).isEqualTo(new Ran(0, "absent\ndone\n"));
    }
}
