package org.jmicrovm.host.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmicrovm.state.VmName;
import org.jmicrovm.host.plan.VmPlan.Action;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static final VmName WEB = new VmName("web");
    static final Path RUNNER_OLD = Path.of("/store/aaa-microvm-qemu-web");
    static final Path RUNNER_NEW = Path.of("/store/bbb-microvm-qemu-web");
    static final Path TOP_OLD = Path.of("/store/ccc-system-web");
    static final Path TOP_NEW = Path.of("/store/ddd-system-web");

    static ObservedVm observed(VmName name, Path current, Path booted, Path toplevel, String flake,
                               boolean running, boolean declaredBefore) {
        return new ObservedVm(name, true, Optional.ofNullable(current), Optional.ofNullable(booted),
                Optional.ofNullable(toplevel), Optional.ofNullable(flake), running, declaredBefore);
    }

    static VmPlan only(HostPlan plan) {
        assertThat(plan.vms()).hasSize(1);
        return plan.vms().get(0);
    }

    @Test
    void freshFullyDeclarativeVmIsInstalledAndStartedWhenAutostart() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of()));
        assertThat(plan.action()).isEqualTo(Action.INSTALL);
        assertThat(plan.steps()).containsExactly(
                new Step.CreateDirectory(RUNNER_NEW, Optional.of(TOP_NEW), Optional.empty()),
                new Step.Start("autostart = true and not running"));
        assertThat(plan.touchesState()).isTrue();
        assertThat(plan.interruptsGuest()).isFalse();
    }

    @Test
    void fullyDeclarativeVmWithoutAutostartIsInstalledButNotStarted() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(), Map.of()));
        assertThat(plan.steps()).hasSize(1).first().isInstanceOf(Step.CreateDirectory.class);
        assertThat(plan.notes()).anyMatch(n -> n.contains("autostart = false"));
    }

    @Test
    void runningFullyDeclarativeVmWhoseRunnerChangedIsUpdatedAndRestarted() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        var now = observed(WEB, RUNNER_OLD, RUNNER_OLD, TOP_OLD, null, true, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now)));
        assertThat(plan.action()).isEqualTo(Action.RESTART);
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0)).isEqualTo(
                new Step.SetCurrent(Optional.of(RUNNER_OLD), RUNNER_NEW, Optional.of(TOP_NEW)));
        assertThat(plan.steps().get(1)).isInstanceOf(Step.Restart.class);
        assertThat(plan.interruptsGuest()).isTrue();
    }

    @Test
    void changesAreToldAgainstTheRunnerTheGuestRunsOrWouldBoot() {
        Path runnerBooted = Path.of("/store/eee-microvm-qemu-web");
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        Planner.RunnerComparison compare = (from, to) -> List.of(from.getFileName() + " -> " + to.getFileName());

        // running an older runner than the installed one: the restart changes what runs
        var running = observed(WEB, RUNNER_OLD, runnerBooted, TOP_OLD, null, true, true);
        assertThat(only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, running), compare)).changes())
                .containsExactly("eee-microvm-qemu-web -> bbb-microvm-qemu-web");
        // off: against the installed runner, which its next start would have booted
        var off = observed(WEB, RUNNER_OLD, null, TOP_OLD, null, false, true);
        VmPlan offPlan = only(Planner.plan(Map.of(WEB, vm), Set.of(), Map.of(WEB, off), compare));
        assertThat(offPlan.changes()).containsExactly("aaa-microvm-qemu-web -> bbb-microvm-qemu-web");
        assertThat(new HostPlan(List.of(offPlan)).render())
                .contains("\n    ~ aaa-microvm-qemu-web -> bbb-microvm-qemu-web\n");
        // running what was built: nothing to tell
        var current = observed(WEB, RUNNER_NEW, RUNNER_NEW, TOP_NEW, null, true, true);
        assertThat(only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, current), compare)).changes()).isEmpty();
        // a boot keeps the changes (they apply at the next start)
        assertThat(only(Planner.withoutInterruptions(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, running),
                compare))).changes()).hasSize(1);
    }

    @Test
    void restartIfChangedFalseOnlyMovesCurrentAndSaysHowToRestart() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, false);
        var now = observed(WEB, RUNNER_OLD, RUNNER_OLD, TOP_OLD, null, true, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now)));
        assertThat(plan.action()).isEqualTo(Action.UPDATE);
        assertThat(plan.interruptsGuest()).isFalse();
        assertThat(plan.notes()).anyMatch(n -> n.contains("restartIfChanged = false") && n.contains("microvm restart web"));
    }

    @Test
    void stoppedVmJustGetsTheNewCurrentAndIsStartedWhenAutostart() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        var now = observed(WEB, RUNNER_OLD, null, TOP_OLD, null, false, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now)));
        assertThat(plan.action()).isEqualTo(Action.UPDATE);
        assertThat(plan.steps()).extracting(Object::getClass).containsExactly(Step.SetCurrent.class, Step.Start.class);
    }

    @Test
    void unchangedRunningVmNeedsNothing() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        var now = observed(WEB, RUNNER_NEW, RUNNER_NEW, TOP_NEW, null, true, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now)));
        assertThat(plan.action()).isEqualTo(Action.NOTHING);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void flakeVmWithUpdateFlakeIsInstalledOnceWithTheUpdateFlakeRef() {
        var vm = new DesiredVm.FlakeDeployment(WEB, RUNNER_NEW, "/store/src-flake", Optional.of("git+file:///etc/nixos"), false);
        VmPlan fresh = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of()));
        assertThat(fresh.steps().get(0)).isEqualTo(
                new Step.CreateDirectory(RUNNER_NEW, Optional.empty(), Optional.of("git+file:///etc/nixos")));

        var now = observed(WEB, RUNNER_OLD, RUNNER_OLD, null, "git+file:///etc/nixos", true, true);
        VmPlan later = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now)));
        assertThat(later.action()).isEqualTo(Action.NOTHING);
        assertThat(later.notes()).anyMatch(n -> n.contains("microvm -u web"));
    }

    @Test
    void flakeVmWithoutUpdateFlakeIsResetToTheHostBuildButNotRestarted() {
        var vm = new DesiredVm.FlakeDeployment(WEB, RUNNER_NEW, "/store/src-flake", Optional.empty(), false);
        var now = observed(WEB, RUNNER_OLD, RUNNER_OLD, null, "git+file:///elsewhere", true, true);
        VmPlan plan = only(Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now)));
        assertThat(plan.action()).isEqualTo(Action.UPDATE);
        assertThat(plan.steps()).containsExactly(
                new Step.SetCurrent(Optional.of(RUNNER_OLD), RUNNER_NEW, Optional.empty()),
                new Step.WriteFlakeRef(Optional.of("git+file:///elsewhere"), "/store/src-flake"));
        assertThat(plan.interruptsGuest()).isFalse();
    }

    @Test
    void vmRemovedFromTheDeclarationIsStoppedButKept() {
        var now = observed(WEB, RUNNER_OLD, RUNNER_OLD, TOP_OLD, null, true, true);
        VmPlan plan = only(Planner.plan(Map.of(), Set.of(), Map.of(WEB, now)));
        assertThat(plan.action()).isEqualTo(Action.STOP);
        assertThat(plan.touchesState()).isFalse();
        assertThat(plan.notes()).anyMatch(n -> n.contains("kept") && n.contains("gc --remove-undeclared"));
    }

    @Test
    void imperativeVmIsLeftAloneUnlessListedInAutostart() {
        var now = observed(WEB, RUNNER_OLD, null, null, "git+file:///x", false, false);
        assertThat(only(Planner.plan(Map.of(), Set.of(), Map.of(WEB, now))).action()).isEqualTo(Action.NOTHING);
        assertThat(only(Planner.plan(Map.of(), Set.of(WEB), Map.of(WEB, now))).action()).isEqualTo(Action.START);
    }

    @Test
    void renderShowsEveryVmWithItsStepsAndMarks() {
        var vm = new DesiredVm.FullyDeclarative(WEB, RUNNER_NEW, TOP_NEW, true);
        var now = observed(WEB, RUNNER_OLD, RUNNER_OLD, TOP_OLD, null, true, true);
        var gone = new VmName("old");
        var goneNow = observed(gone, RUNNER_OLD, RUNNER_OLD, null, null, true, true);
        String text = Planner.plan(Map.of(WEB, vm), Set.of(WEB), Map.of(WEB, now, gone, goneNow)).render();
        assertThat(text).contains("old  stop  [interrupts the guest]")
                .contains("web  restart  [interrupts the guest]  [changes its state directory]")
                .contains("- update: current " + RUNNER_OLD + " -> " + RUNNER_NEW);
        assertThat(text.indexOf("old ")).isLessThan(text.indexOf("web "));
    }
}
