package org.jmicrovm.build.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jmicrovm.build.Exec;
import org.jmicrovm.build.pkgs.TmpFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tmpfiles.d lines parsed, rendered as boot commands, and run with busybox's sh on a scratch tree. */
class TmpFilesScriptTest {
    @TempDir
    Path dir;

    @Test
    void parsingExpandsSpecifiersAndKeepsOriginsAndRejectsWhatItCannotRead() {
        TmpFiles t = TmpFiles.parse("/usr/lib/tmpfiles.d/x.conf", """
                # sudo's
                D %t/sudo 0711 root root
                L+ /etc/mtab - - - - ../proc/self/mounts
                z /var/log/wtmp 0664 root utmp
                """);
        assertThat(t.lines()).extracting(TmpFiles.Line::type).containsExactly('D', 'L', 'z');
        assertThat(t.lines().get(0).path()).isEqualTo("/run/sudo");
        assertThat(t.lines().get(0).origin()).isEqualTo("/usr/lib/tmpfiles.d/x.conf:2");
        assertThat(t.lines().get(1).plus()).isTrue();
        assertThat(t.lines().get(1).argument()).contains("../proc/self/mounts");
        assertThat(t.lines().get(2).mode()).contains("0664");
        assertThat(t.lines().get(2).group()).contains("utmp");
        assertThatThrownBy(() -> TmpFiles.parse("a.conf", "d %m/x\n"))
                .hasMessageContaining("a.conf:1: the specifier %m is not supported by jmicrovm");
        assertThatThrownBy(() -> TmpFiles.parse("b.conf", "d relative/x\n")).hasMessageContaining("b.conf:1: the path must be absolute");
        assertThatThrownBy(() -> TmpFiles.parse("c.conf", "d /x 99z\n")).hasMessageContaining("c.conf:1: not an octal mode");
    }

    @Test
    void theRenderedCommandsCreateDirectoriesFilesLinksAndAdjustModesAndOwners() throws Exception {
        Path r = dir;
        Files.createDirectories(r.resolve("var/log"));
        Files.writeString(r.resolve("var/log/wtmp"), "");
        Files.writeString(r.resolve("stale.lock"), "");
        Files.createDirectories(r.resolve("keep"));
        Files.writeString(r.resolve("keep/file"), "old");
        TmpFiles t = TmpFiles.parse("/usr/lib/tmpfiles.d/t.conf", String.join("\n",
                "D " + r + "/run/sudo 0711 root root",
                "d " + r + "/var/lib/app 0750 daemon daemon -",
                "f " + r + "/etc/app.conf 0600 - - - key=value\\n",
                "f " + r + "/keep/file - - - - new",
                "f+ " + r + "/etc/always - - - - fresh",
                "L " + r + "/etc/mtab - - - - ../proc/self/mounts",
                "z " + r + "/var/log/wtmp 0664 - daemon",
                "r! " + r + "/stale.lock",
                "a+ " + r + "/var/log - - - - group:adm:r-x",
                "x /tmp/whatever*"));
        String script = TmpFilesScript.render(t);
        assertThat(script).contains("# /usr/lib/tmpfiles.d/t.conf:9\nlog ").doesNotContain("whatever");
        Path sh = r.resolve("apply.sh");
        Files.writeString(sh, "log() { echo \"LOG $*\"; }\n" + script);
        Exec.Result res = Exec.run(null, List.of("busybox", "sh", sh.toString()));
        assertThat(res.exitCode()).as(res.stderr()).isZero();
        assertThat(res.stdout()).contains("LOG tmpfiles: /usr/lib/tmpfiles.d/t.conf:9: type 'a' is not supported by jmicrovm");

        assertThat(mode(r.resolve("run/sudo"))).isEqualTo("rwx--x--x");
        PosixFileAttributes app = Files.readAttributes(r.resolve("var/lib/app"), PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(app.permissions())).isEqualTo("rwxr-x---");
        assertThat(app.owner().getName()).isEqualTo("daemon");
        assertThat(Files.readString(r.resolve("etc/app.conf"))).isEqualTo("key=value\n");
        assertThat(mode(r.resolve("etc/app.conf"))).isEqualTo("rw-------");
        assertThat(Files.readString(r.resolve("keep/file"))).isEqualTo("old");
        assertThat(Files.readString(r.resolve("etc/always"))).isEqualTo("fresh");
        assertThat(Files.readSymbolicLink(r.resolve("etc/mtab"))).isEqualTo(Path.of("../proc/self/mounts"));
        PosixFileAttributes wtmp = Files.readAttributes(r.resolve("var/log/wtmp"), PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(wtmp.permissions())).isEqualTo("rw-rw-r--");
        assertThat(wtmp.group().getName()).isEqualTo("daemon");
        assertThat(r.resolve("stale.lock")).doesNotExist();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
