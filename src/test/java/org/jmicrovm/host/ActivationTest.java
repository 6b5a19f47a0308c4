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

    /** A runner that reports ready as jmicrovm's guests do, one that never does, or one that dies at once. */
    Path guestRunner(String name, String behaviour) throws Exception {
        Path runner = runner(name);
        String body = switch (behaviour) {
            case "ready" -> "sleep 0.3\necho 'MICROVM-READY web'\nexec sleep 600\n";
            case "silent" -> "exec sleep 600\n";
            default -> "echo 'kernel panic'\nexit 1\n";
        };
        Files.writeString(runner.resolve("bin/microvm-run"),
                "#!/bin/sh\necho $$ > hv.pid\necho " + name + " >> boots\n" + body);
        return runner;
    }

    @Test
    void aVmThatDoesNotComeUpIsRolledBackWhenAsked() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        VmName web = new VmName("web");
        Path top = Files.createDirectories(tmp.resolve("store/t-system-web"));
        Path good = guestRunner("r1-microvm-qemu-web", "ready");
        HostSettings settings = new HostSettings(List.of("web"), 2, List.of("web"), List.of());
        var activation = new Activation(state, VmControl.forHost(state, progress::add), progress::add);

        Map<VmName, DesiredVm> first = Map.of(web, new DesiredVm.FullyDeclarative(web, good, top, true));
        assertThat(activation.apply(Planner.plan(first, Set.of(web), Activation.observe(state)), first, settings)).isEmpty();
        assertThat(progress).contains("waiting up to 2 s for the guests of web to report ready", "web: ready");

        Path silent = guestRunner("r2-microvm-qemu-web", "silent");
        Map<VmName, DesiredVm> second = Map.of(web, new DesiredVm.FullyDeclarative(web, silent, top, true));
        List<String> failures = activation.apply(Planner.plan(second, Set.of(web), Activation.observe(state)), second,
                settings);
        assertThat(failures).singleElement().asString()
                .contains("web: did not report ready within 2 s", "rolled back to " + good + " and started it");
        assertThat(state.vm(web).currentTarget()).contains(good);
        assertThat(state.vm(web).previousTarget()).contains(silent);
        assertThat(state.vm(web).bootedTarget()).contains(good);
        assertThat(new VmRuntime(state.vm(web), l -> { }).isRunning()).isTrue();
        assertThat(boots("web")).isEqualTo("r1-microvm-qemu-web\nr2-microvm-qemu-web\nr1-microvm-qemu-web\n");

        Path dying = guestRunner("r3-microvm-qemu-web", "dies");
        Map<VmName, DesiredVm> third = Map.of(web, new DesiredVm.FullyDeclarative(web, dying, top, true));
        failures = activation.apply(Planner.plan(third, Set.of(web), Activation.observe(state)), third, settings);
        assertThat(failures).singleElement().asString().contains("web: stopped before its guest reported ready",
                "rolled back to " + good);
        assertThat(state.vm(web).currentTarget()).contains(good);
        assertThat(new VmRuntime(state.vm(web), l -> { }).isRunning()).isTrue();

        // without rollbackOnFailure the switch neither waits nor rolls back
        Map<VmName, DesiredVm> plain = Map.of(web, new DesiredVm.FullyDeclarative(web, silent, top, true));
        assertThat(activation.apply(Planner.plan(plain, Set.of(web), Activation.observe(state)), plain,
                new HostSettings(List.of("web"), 2))).isEmpty();
        assertThat(state.vm(web).currentTarget()).contains(silent);
    }

    @Test
    void aNewVmThatDoesNotComeUpHasNothingToGoBackTo() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        VmName db = new VmName("db");
        Path silent = guestRunner("s1-microvm-qemu-db", "silent");
        Map<VmName, DesiredVm> desired = Map.of(db,
                new DesiredVm.FlakeDeployment(db, silent, "/store/src", Optional.empty(), true));
        var activation = new Activation(state, VmControl.forHost(state, progress::add), progress::add);
        List<String> failures = activation.apply(Planner.plan(desired, Set.of(db), Activation.observe(state)), desired,
                new HostSettings(List.of("db"), 1, List.of("db"), List.of()));
        assertThat(failures).singleElement().asString()
                .contains("db: did not report ready within 1 s", "not rolled back: MicroVM db has no earlier runner");
        assertThat(state.vm(db).currentTarget()).contains(silent);
    }

    @Test
    void guestsStartedTogetherAreWaitedForTogether() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        VmName a = new VmName("a");
        VmName b = new VmName("b");
        Map<VmName, DesiredVm> first = Map.of(
                a, new DesiredVm.FlakeDeployment(a, guestRunner("a1-microvm-qemu-a", "ready"), "/src", Optional.empty(), true),
                b, new DesiredVm.FlakeDeployment(b, guestRunner("b1-microvm-qemu-b", "ready"), "/src", Optional.empty(), true));
        HostSettings settings = new HostSettings(List.of("a", "b"), 3, List.of("a", "b"), List.of());
        var activation = new Activation(state, VmControl.forHost(state, progress::add), progress::add);
        assertThat(activation.apply(Planner.plan(first, Set.of(a, b), Activation.observe(state)), first, settings)).isEmpty();

        progress.clear();
        Map<VmName, DesiredVm> broken = Map.of(
                a, new DesiredVm.FlakeDeployment(a, guestRunner("a2-microvm-qemu-a", "silent"), "/src", Optional.empty(), true),
                b, new DesiredVm.FlakeDeployment(b, guestRunner("b2-microvm-qemu-b", "silent"), "/src", Optional.empty(), true));
        List<String> failures = activation.apply(Planner.plan(broken, Set.of(a, b), Activation.observe(state)), broken,
                settings);
        assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f).contains("did not report ready within 3 s"));
        // both restarted first, then one wait for both (not one timeout after the other)
        assertThat(progress).filteredOn(l -> l.startsWith("waiting up to"))
                .containsExactly("waiting up to 3 s for the guests of a, b to report ready");
        assertThat(progress.indexOf("waiting up to 3 s for the guests of a, b to report ready"))
                .isGreaterThan(progress.stream().filter(l -> l.startsWith("b: Restarted")).map(progress::indexOf)
                        .findFirst().orElseThrow());
        assertThat(state.vm(a).currentTarget()).contains(tmp.resolve("store/a1-microvm-qemu-a"));
        assertThat(state.vm(b).currentTarget()).contains(tmp.resolve("store/b1-microvm-qemu-b"));
    }
}
