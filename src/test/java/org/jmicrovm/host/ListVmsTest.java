package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jmicrovm.host.ListVms.Activity;
import org.jmicrovm.host.ListVms.Entry;
import org.jmicrovm.host.ListVms.Status;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListVmsTest {

    @TempDir
    Path tmp;

    Path store(String name, Path system) throws Exception {
        Path p = tmp.resolve("store").resolve(name);
        Files.createDirectories(p);
        if (system != null) {
            Files.createDirectories(p.resolve("share/microvm"));
            Files.createSymbolicLink(p.resolve("share/microvm/system"), system);
        }
        return p;
    }

    @Test
    void classifiesEachVmAsTheOriginalDoes() throws Exception {
        Path sys1 = store("h1-system-a-1", null);
        Path sys2 = store("h2-system-a-2", null);
        Path run1 = store("r1-microvm-qemu-a", sys1);
        Path run2 = store("r2-microvm-qemu-a", sys2);
        Path noSystemLink = store("r3-microvm-qemu-d", null);
        var state = new StateDirectory(tmp.resolve("microvms"));
        // outdated: current's system differs from toplevel
        mk(state, "a", run1, null, sys2);
        // stale: current is new, booted is old
        mk(state, "b", run2, run1, sys2);
        // current: booted is new
        mk(state, "c", run2, run2, sys2);
        // a runner without share/microvm/system: listed, not fatal (flake VM, evaluation unavailable)
        mk(state, "d", noSystemLink, null, null);
        // no current link: not listed
        Files.createDirectories(state.root().resolve("e"));

        var entries = new ListVms(state, vm -> Optional.empty()).call();
        assertThat(entries).extracting(Entry::name).containsExactly("a", "b", "c", "d");
        assertThat(entries).extracting(Entry::status)
                .containsExactly(Status.OUTDATED, Status.STALE, Status.CURRENT, Status.OUTDATED);
        assertThat(entries.get(0).currentSystem()).isEqualTo("system-a-1");
        assertThat(entries.get(0).newSystem()).isEqualTo("system-a-2");
        assertThat(entries.get(1).activity()).isEqualTo(Activity.BOOTED);
        assertThat(entries.get(1).bootedSystem()).contains("system-a-1");
        assertThat(entries.get(3).currentSystem()).isEqualTo("microvm-qemu-d");
        assertThat(entries.get(3).newSystem()).isEqualTo("error");

        var withFlake = new ListVms(state, vm -> Optional.of(noSystemLink)).call();
        assertThat(withFlake.get(3).status()).isEqualTo(Status.NOT_BOOTED);
    }

    static void mk(StateDirectory state, String name, Path current, Path booted, Path toplevel) throws Exception {
        Path dir = state.root().resolve(name);
        Files.createDirectories(dir);
        Links.replace(dir.resolve("current"), current);
        if (booted != null) {
            Links.replace(dir.resolve("booted"), booted);
        }
        if (toplevel != null) {
            Links.replace(dir.resolve("toplevel"), toplevel);
        }
    }
}
