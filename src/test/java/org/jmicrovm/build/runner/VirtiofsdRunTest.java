package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bin/virtiofsd-run} with the C virtiofsd's command line: a stand-in daemon records whether it can
 * write to the directory it was given, proving the read-only bind mount in a private mount namespace (the C
 * daemon has no read-only switch); and TERM stops every daemon.
 */
class VirtiofsdRunTest {
    @TempDir
    Path tmp;

    private Path daemon(String body) throws Exception {
        Path fake = tmp.resolve("fake-virtiofsd");
        Files.writeString(fake, "#!/bin/sh\nfor a do case $a in source=*) src=${a#source=} ;; --socket-path=*) sock=${a#--socket-path=} ;; esac; done\n" + body);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    private Path runner(MicroVmSpec spec, Path fake) throws Exception {
        return runner(spec, fake, HostTools.VirtiofsdFlavour.C_QEMU);
    }

    private Path runner(MicroVmSpec spec, Path fake, HostTools.VirtiofsdFlavour flavour) throws Exception {
        var tools = HostTools.debian12().with(HostTools.Tool.VIRTIOFSD, fake.toString(), flavour);
        Path dir = tmp.resolve("runner");
        new RunnerLayout(RunnerContext.of(dir.toString(), tools, Accelerator.kvm("test"))).render(spec, ExampleVm.ARTEFACTS)
            .writeTo(dir);
        return dir;
    }

    @Test
    void readOnlySharesAreServedFromAReadOnlyBindMount() throws Exception {
        assumeTrue(Host.isRoot() && Host.executable("/usr/bin/unshare"), "needs root for a mount namespace");
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        Path results = Files.createDirectories(tmp.resolve("results"));
        var spec = MicroVmSpec.builder("fs-test")
            .share(Share.of(Share.Proto.VIRTIOFS, "ro", ro.toString(), "/ro", Optional.of("ro.sock")).withReadOnly(true))
            .share(Share.of(Share.Proto.VIRTIOFS, "rw", rw.toString(), "/rw", Optional.of("rw.sock")))
            .build();
        Path fake = daemon("""
            if touch "$src/written" 2>/dev/null; then r=writable; else r=read-only; fi
            echo "$r" > "$RESULTS/$sock"
            sleep 1
            """);
        Path state = Files.createDirectories(tmp.resolve("state"));
        var r = Host.run(state, Map.of("RESULTS", results.toString()), 30,
            runner(spec, fake).resolve("bin/virtiofsd-run").toString());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(Files.readString(results.resolve("ro.sock")).trim()).isEqualTo("read-only");
        assertThat(Files.readString(results.resolve("rw.sock")).trim()).isEqualTo("writable");
        assertThat(ro.resolve("written")).doesNotExist();
        assertThat(rw.resolve("written")).exists();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("the bind mount stayed private")
            .doesNotContain(ro.toString());
    }

    /** The C virtiofsd cannot bind-mount a relative source; the script hands it one made absolute. */
    @ParameterizedTest
    @EnumSource(HostTools.VirtiofsdFlavour.class)
    void relativeSourcesAreResolvedAgainstTheStateDirectory(HostTools.VirtiofsdFlavour flavour) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("results"));
        Path state = Files.createDirectories(tmp.resolve("state dir"));
        Files.createDirectories(state.resolve("shared"));
        Files.createDirectories(state.resolve("it's ro"));
        var spec = MicroVmSpec.builder("fs-relative")
            .share(Share.of(Share.Proto.VIRTIOFS, "shared", "shared", "/shared", Optional.of("shared.sock")))
            .share(Share.of(Share.Proto.VIRTIOFS, "ro", "it's ro", "/ro", Optional.of("ro.sock")).withReadOnly(true))
            .build();
        Path fake = daemon("""
            for a do case $a in --shared-dir=*) src=${a#--shared-dir=} ;; esac; done
            printf '%s' "$src" > "$RESULTS/$sock"
            sleep 1
            """);
        boolean readOnlyNeedsRoot = flavour == HostTools.VirtiofsdFlavour.C_QEMU;
        if (readOnlyNeedsRoot) {
            assumeTrue(Host.isRoot() && Host.executable("/usr/bin/unshare"), "needs root for a mount namespace");
        }
        var r = Host.run(state, Map.of("RESULTS", results.toString()), 30,
            runner(spec, fake, flavour).resolve("bin/virtiofsd-run").toString());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(Files.readString(results.resolve("shared.sock"))).isEqualTo(state.resolve("shared").toString());
        assertThat(Files.readString(results.resolve("ro.sock"))).isEqualTo(state.resolve("it's ro").toString());
    }

    /** The store never changes a file: its pages stay cached across opens; other shares keep auto. */
    @Test
    void theHostStoreShareKeepsItsPageCacheAndOtherSharesKeepTheirCacheMode() throws Exception {
        var spec = MicroVmSpec.builder("fs-cache")
            .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store", Optional.of("store.sock")))
            .share(Share.of(Share.Proto.VIRTIOFS, "data", "data", "/data", Optional.of("data.sock")))
            .build();
        String script = Files.readString(runner(spec, daemon("")).resolve("bin/virtiofsd-run"));
        assertThat(script.lines().filter(l -> l.contains("--socket-path=store.sock")).findFirst().orElseThrow())
            .contains("-o cache=always -o timeout=1");
        assertThat(script.lines().filter(l -> l.contains("--socket-path=data.sock")).findFirst().orElseThrow())
            .contains("-o cache=auto").doesNotContain("timeout=");
    }

    @Test
    void termStopsEveryDaemon() throws Exception {
        Path pids = Files.createDirectories(tmp.resolve("pids"));
        var spec = MicroVmSpec.builder("fs-term")
            .share(Share.of(Share.Proto.VIRTIOFS, "a", tmp.toString(), "/a", Optional.of("a.sock")))
            .share(Share.of(Share.Proto.VIRTIOFS, "b", tmp.toString(), "/b", Optional.of("b.sock")))
            .build();
        Path fake = daemon("echo $$ > \"$PIDS/$sock\"\nexec sleep 300\n");
        Path state = Files.createDirectories(tmp.resolve("state"));
        var pb = new ProcessBuilder(runner(spec, fake).resolve("bin/virtiofsd-run").toString()).directory(state.toFile())
            .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile());
        pb.environment().put("PIDS", pids.toString());
        Process p = pb.start();
        try {
            long end = System.currentTimeMillis() + 10_000;
            while (!(Files.exists(pids.resolve("a.sock")) && Files.exists(pids.resolve("b.sock")))) {
                assertThat(System.currentTimeMillis()).as("daemons started").isLessThan(end);
                Thread.sleep(50);
            }
            var daemons = List.of(Files.readString(pids.resolve("a.sock")).trim(), Files.readString(pids.resolve("b.sock")).trim())
                .stream().map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow()).toList();
            Host.run(tmp, "kill", "-TERM", Long.toString(p.pid()));
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            for (ProcessHandle d : daemons) assertThat(d.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
