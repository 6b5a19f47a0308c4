package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSystemdTest {

    static final Path GOLDEN = Path.of("src/test/resources/systemd/golden");

    @TempDir
    Path tmp;

    /** The seed's two VMs as the last switch declared them, in a state directory at {@code stateDir}. */
    StateDirectory declare(Path stateDir, Path webRunner, Path webTop, Path dbRunner) throws Exception {
        StateDirectory state = new StateDirectory(stateDir);
        new HostSettings(List.of("my-microvm"), 150).write(state);
        DeclaredVms.write(state, List.of(
                DeclaredVms.Entry.of(new DesiredVm.FullyDeclarative(new VmName("my-microvm"), webRunner, webTop, true)),
                DeclaredVms.Entry.of(new DesiredVm.FlakeDeployment(new VmName("deployed"), dbRunner,
                        "/store/src-flake", Optional.of("git+file:///etc/nixos"), false))));
        return state;
    }

    @Test
    void unitsMatchTheGoldenFiles() throws Exception {
        StateDirectory state = declare(tmp.resolve("s"), Path.of("/var/lib/jmicrovm/store/aaa-microvm-qemu-my-microvm"),
                Path.of("/var/lib/jmicrovm/store/bbb-system-my-microvm"),
                Path.of("/var/lib/jmicrovm/store/ccc-microvm-qemu-deployed"));
        Map<String, String> units = new ExportSystemd(state, "microvm", "kvm").units();
        // The temporary state directory is shown as the default one, so the golden files are stable.
        Map<String, String> normalised = new java.util.TreeMap<>();
        units.forEach((k, v) -> normalised.put(k, v.replace(tmp.resolve("s").toString(), "/var/lib/microvms")));
        if (Boolean.getBoolean("updateGolden")) {
            Files.createDirectories(GOLDEN);
            for (var e : normalised.entrySet()) {
                Files.writeString(GOLDEN.resolve(e.getKey()), e.getValue());
            }
        }
        List<String> goldenNames = new ArrayList<>();
        try (var files = Files.list(GOLDEN)) {
            files.forEach(f -> goldenNames.add(f.getFileName().toString()));
        }
        assertThat(normalised.keySet()).containsExactlyInAnyOrderElementsOf(goldenNames);
        for (var e : normalised.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readString(GOLDEN.resolve(e.getKey())));
        }
    }

    @Test
    void notifySocketsAndBridgesOfTheLastSwitchReachTheUnits() throws Exception {
        StateDirectory state = declare(tmp.resolve("s"), Path.of("/store/aaa-microvm-qemu-my-microvm"),
                Path.of("/store/bbb-system-my-microvm"), Path.of("/store/ccc-microvm-qemu-deployed"));
        new HostSettings(List.of("my-microvm"), 150, List.of(), List.of(new org.jmicrovm.model.HostBridge("microvm",
                List.of("vm-*"), List.of("10.0.0.1/24"))), true).write(state);
        assertThatThrownBy(() -> new ExportSystemd(state, "microvm", "kvm").units())
                .hasMessageContaining("give its absolute path with --microvm-host");
        Map<String, String> units = new ExportSystemd(state, "microvm", "kvm",
                Optional.of(Path.of("/opt/jmicrovm/bin/microvm-host"))).units();
        assertThat(units.get("microvm@.service")).contains("Type=notify\n");
        assertThat(units.get("microvm-tap-interfaces@.service")).contains("ExecStartPost=/opt/jmicrovm/bin/microvm-host"
                + " bridges --join %i --state-dir=" + state.root() + "\n");
    }

    @Test
    void unitsPassSystemdAnalyzeVerify() throws Exception {
        Path store = tmp.resolve("store");
        Path runner = store.resolve("aaa-microvm-qemu-web");
        Files.createDirectories(runner.resolve("bin"));
        for (String script : List.of("microvm-run", "microvm-shutdown", "tap-up", "tap-down", "macvtap-up", "macvtap-down", "virtiofsd-run")) {
            Path p = runner.resolve("bin").resolve(script);
            Files.writeString(p, "#!/bin/sh\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path top = Files.createDirectories(store.resolve("bbb-system-web"));
        StateDirectory state = declare(tmp.resolve("microvms"), runner, top, runner);
        Files.createDirectories(state.root().resolve("my-microvm"));
        Files.createSymbolicLink(state.root().resolve("my-microvm/current"), runner);
        Path units = tmp.resolve("units");
        new ExportSystemd(state, "root", "root").writeTo(units);

        for (String unit : List.of("microvms.target", "microvm@my-microvm.service",
                "microvm-set-booted@my-microvm.service", "microvm-tap-interfaces@my-microvm.service",
                "microvm-macvtap-interfaces@my-microvm.service", "microvm-virtiofsd@my-microvm.service",
                "install-microvm-my-microvm.service", "install-microvm-deployed.service")) {
            Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no", units.resolve(unit).toString())
                    .redirectErrorStream(true).start();
            assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(verify.getInputStream().readAllBytes());
            assertThat(verify.exitValue()).as(unit + ": " + output).isZero();
            assertThat(output).as(unit).doesNotContain("Failed to parse").doesNotContain("Unknown key");
        }

        // with bridges, the tap unit runs microvm-host after tap-up
        Path launcher = store.resolve("jmicrovm/bin/microvm-host");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        new HostSettings(List.of("my-microvm"), 150, List.of(), List.of(new org.jmicrovm.model.HostBridge("microvm",
                List.of("vm-*"), List.of("10.0.0.1/24"))), true).write(state);
        new ExportSystemd(state, "root", "root", Optional.of(launcher)).writeTo(units);
        Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no",
                units.resolve("microvm-tap-interfaces@my-microvm.service").toString()).redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(Files.readString(units.resolve("microvm-tap-interfaces@.service"))).contains("ExecStartPost=" + launcher);
    }
}
