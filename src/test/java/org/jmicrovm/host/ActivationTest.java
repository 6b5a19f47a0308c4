package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.host.plan.HostPlan;
import org.jmicrovm.host.plan.Planner;
import org.jmicrovm.host.plan.VmPlan.Action;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostSettings;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A switch's activation against a real state directory, with shell runners standing in for hypervisors. */
class ActivationTest {

    @TempDir
    Path tmp;

    StateDirectory state;
    final List<String> progress = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (var vm : state.list()) {
            new VmRuntime(vm, l -> {}, java.time.Duration.ofSeconds(1)).stop(java.time.Duration.ofSeconds(1));
        }
    }

    Path runner(String name) throws Exception {
        Path runner = tmp.resolve("store").resolve(name);
        Files.createDirectories(runner.resolve("bin"));
        Path run = runner.resolve("bin/microvm-run");
        Files.writeString(run, "#!/bin/sh\necho $$ > hv.pid\necho " + name + " >> boots\nexec sleep 600\n");
        Path shutdown = runner.resolve("bin/microvm-shutdown");
        Files.writeString(shutdown, "#!/bin/sh\nkill $(cat hv.pid)\n");
        for (Path p : List.of(run, shutdown)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return runner;
    }

    HostPlan switchTo(Map<VmName, DesiredVm> desired, Set<VmName> autostart) throws Exception {
        HostPlan plan = Planner.plan(desired, autostart, Activation.observe(state));
        var activation = new Activation(state, VmControl.forHost(state, progress::add), progress::add);
        assertThat(activation.apply(plan, desired, new HostSettings(
                autostart.stream().map(VmName::value).toList(), 5))).isEmpty();
        return plan;
    }

    String boots(String vm) throws Exception {
        Path boots = state.root().resolve(vm).resolve("boots");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.exists(boots) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        return Files.exists(boots) ? Files.readString(boots) : "";
    }

    @Test
    void theSeedsTwoModesAcrossSwitches() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        VmName web = new VmName("web");
        VmName db = new VmName("db");
        Path web1 = runner("w1-microvm-qemu-web");
        Path db1 = runner("d1-microvm-qemu-db");
        Path top1 = Files.createDirectories(tmp.resolve("store/t1-system-web"));

        var first = switchTo(Map.of(
                web, new DesiredVm.FullyDeclarative(web, web1, top1, true),
                db, new DesiredVm.FlakeDeployment(db, db1, "/store/src", Optional.of("git+file:///etc/vms"), false)),
                Set.of(web, db));
        assertThat(first.vms()).extracting(p -> p.action()).containsExactly(Action.INSTALL, Action.INSTALL);
        assertThat(state.vm(db).flakeRef()).contains("git+file:///etc/vms");
        assertThat(boots("web")).isEqualTo("w1-microvm-qemu-web\n");
        assertThat(boots("db")).isEqualTo("d1-microvm-qemu-db\n");

        // Both change: the fully-declarative VM is updated and restarted, the deployed one untouched.
        Path web2 = runner("w2-microvm-qemu-web");
        Path db2 = runner("d2-microvm-qemu-db");
        Path top2 = Files.createDirectories(tmp.resolve("store/t2-system-web"));
        var second = switchTo(Map.of(
                web, new DesiredVm.FullyDeclarative(web, web2, top2, true),
                db, new DesiredVm.FlakeDeployment(db, db2, "/store/src2", Optional.of("git+file:///etc/vms"), false)),
                Set.of(web, db));
        assertThat(second.vms()).extracting(p -> p.action()).containsExactly(Action.NOTHING, Action.RESTART);
        assertThat(boots("web")).isEqualTo("w1-microvm-qemu-web\nw2-microvm-qemu-web\n");
        assertThat(state.vm(web).toplevelTarget()).contains(top2);
        assertThat(state.vm(db).currentTarget()).contains(db1);
        assertThat(boots("db")).isEqualTo("d1-microvm-qemu-db\n");

        // web removed from the declaration: stopped, directory kept.
        var third = switchTo(Map.of(
                db, new DesiredVm.FlakeDeployment(db, db2, "/store/src2", Optional.of("git+file:///etc/vms"), false)),
                Set.of(db));
        assertThat(third.vms()).extracting(p -> p.action()).containsExactly(Action.NOTHING, Action.STOP);
        assertThat(new VmRuntime(state.vm(web), l -> {}).isRunning()).isFalse();
        assertThat(state.vm(web).exists()).isTrue();
        assertThat(DeclaredVms.readNames(state)).containsExactly("db");
        assertThat(DeclaredVms.read(state).get(0).mode()).isEqualTo(DeclaredVms.Mode.FLAKE_WITH_UPDATE);

        // Once stopped and undeclared, later switches leave it alone.
        var fourth = switchTo(Map.of(
                db, new DesiredVm.FlakeDeployment(db, db2, "/store/src2", Optional.of("git+file:///etc/vms"), false)),
                Set.of(db));
        assertThat(fourth.vms().get(1).action()).isEqualTo(Action.NOTHING);
    }
}
