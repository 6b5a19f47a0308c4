package org.jmicrovm.build.pkgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SysUsersTest {
    private static Map<String, String> lines(String... ls) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : ls) {
            m.put(l.substring(0, l.indexOf(':')), l);
        }
        return m;
    }

    @Test
    void parsesUsersGroupsMembersAndIgnoresRanges() {
        SysUsers s = SysUsers.parse("dbus.conf", """
                # comment
                u messagebus - "System Message Bus"
                u! _chrony 120:daemon "Chrony daemon" /var/lib/chrony /bin/false
                g  input 105
                m  messagebus input
                r - 500-900
                """);
        assertThat(s.entries()).containsExactly(
                new SysUsers.User("messagebus", Optional.empty(), Optional.empty(), "System Message Bus", "/",
                        "/usr/sbin/nologin"),
                new SysUsers.User("_chrony", Optional.of(120), Optional.of("daemon"), "Chrony daemon",
                        "/var/lib/chrony", "/bin/false"),
                new SysUsers.Group("input", Optional.of(105)),
                new SysUsers.Member("messagebus", "input"));
    }

    @Test
    void badLinesNameTheirFileAndLine() {
        assertThatThrownBy(() -> SysUsers.parse("x.conf", "u ok -\nq what 1\n"))
                .hasMessageContaining("x.conf:2: unknown sysusers.d type 'q'");
        assertThatThrownBy(() -> SysUsers.parse("y.conf", "g grp abc\n")).hasMessageContaining("y.conf:1: not a numeric id");
    }

    @Test
    void applyingKeepsExistingAccountsAndAllocatesFreeIdsWithoutClashes() {
        Map<String, String> passwd = lines("root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
                "taken:x:999:999::/:/bin/false");
        Map<String, String> group = lines("root:x:0:", "daemon:x:1:", "taken:x:999:", "input:x:998:");
        SysUsers.parse("t.conf", """
                u messagebus - "System Message Bus"
                u root 5 "not again"
                u svc 1
                g input 50
                u grouped 120:daemon
                m messagebus input
                """).applyTo(passwd, group);

        // 999 and 998 are taken (998 as a gid), so messagebus gets 997 as uid and as its group's gid
        assertThat(passwd.get("messagebus")).isEqualTo("messagebus:x:997:997:System Message Bus:/:/usr/sbin/nologin");
        assertThat(group.get("messagebus")).isEqualTo("messagebus:x:997:");
        assertThat(passwd.get("root")).isEqualTo("root:x:0:0:root:/root:/bin/bash");
        // uid 1 is daemon's: svc gets a free one instead
        assertThat(passwd.get("svc")).startsWith("svc:x:996:996:");
        assertThat(group.get("input")).isEqualTo("input:x:998:messagebus");
        assertThat(passwd.get("grouped")).startsWith("grouped:x:120:1:");
        assertThat(group).doesNotContainKey("grouped");
    }
}
