package org.jmicrovm.host.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jmicrovm.state.VmName;
import org.jmicrovm.host.plan.DesiredVm.FlakeDeployment;
import org.jmicrovm.host.plan.DesiredVm.FullyDeclarative;
import org.jmicrovm.host.plan.VmPlan.Action;

/**
 * Decides what a switch does: desired state (what the host built) against observed state
 * (state directory, running instances). A pure function, so every rule is unit-tested
 * without touching a file.
 *
 * <p>The rules are microvm.nix's (reference §3.3–§3.4), plus one its users asked for: a VM
 * that an earlier switch declared and this one does not is stopped (its directory and
 * volumes are kept). VMs created imperatively ({@code microvm -c}) were never declared and
 * are left alone.
 */
public final class Planner {

    private Planner() {}

    /**
     * Tells what differs between two runners in the words of the VM's configuration (one line per change); the
     * planner asks it about the runner a VM has now and the one it will have.
     */
    @FunctionalInterface
    public interface RunnerComparison {
        List<String> changes(Path from, Path to);

        RunnerComparison NONE = (from, to) -> List.of();
    }

    public static HostPlan plan(Map<VmName, DesiredVm> desired, Set<VmName> autostart,
                                Map<VmName, ObservedVm> observed) {
        return plan(desired, autostart, observed, RunnerComparison.NONE);
    }

    public static HostPlan plan(Map<VmName, DesiredVm> desired, Set<VmName> autostart,
                                Map<VmName, ObservedVm> observed, RunnerComparison compare) {
        Set<VmName> names = new TreeSet<>(desired.keySet());
        names.addAll(observed.keySet());
        List<VmPlan> plans = new ArrayList<>();
        for (VmName name : names) {
            ObservedVm now = observed.getOrDefault(name, ObservedVm.absent(name));
            DesiredVm wanted = desired.get(name);
            plans.add(wanted == null
                    ? planUndeclared(now, autostart.contains(name))
                    : planDeclared(wanted, now, autostart.contains(name), compare));
        }
        return new HostPlan(plans);
    }

    private static VmPlan planDeclared(DesiredVm wanted, ObservedVm now, boolean autostart,
                                       RunnerComparison compare) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean installed = installOrUpdate(wanted, now, steps, notes);

        Path runnerAfter = installed ? wanted.runner() : now.current().orElse(wanted.runner());
        if (now.running()) {
            Optional<Path> booted = now.booted();
            boolean changed = booted.isEmpty() || !booted.get().equals(runnerAfter);
            if (changed && installed && wanted.restartIfChanged()) {
                steps.add(new Step.Restart(booted.isEmpty()
                        ? "running, but which runner it booted is unknown (no booted link)"
                        : "running " + booted.get() + ", new runner " + runnerAfter));
            } else if (changed) {
                notes.add("running an older runner (" + booted.map(Path::toString).orElse("unknown")
                        + "); it is not restarted because "
                        + (wanted.restartIfChanged() ? "the switch did not change it" : "restartIfChanged = false")
                        + "; restart it with `microvm restart " + wanted.name() + "`");
            }
        } else if (autostart) {
            steps.add(new Step.Start("autostart = true and not running"));
        } else {
            notes.add("not running; autostart = false");
        }
        // against what the guest runs now, or, when it is off, against what it would have booted
        Optional<Path> base = now.running() ? now.booted() : now.current();
        List<String> changes = base.isPresent() && !base.get().equals(runnerAfter)
                ? compare.changes(base.get(), runnerAfter) : List.of();
        return new VmPlan(wanted.name(), headline(steps), steps, notes, changes);
    }

    /** Adds the install/update steps; true when the VM's runner follows this switch's build. */
    private static boolean installOrUpdate(DesiredVm wanted, ObservedVm now, List<Step> steps, List<String> notes) {
        switch (wanted) {
            case FullyDeclarative vm -> {
                if (!now.directoryExists()) {
                    steps.add(new Step.CreateDirectory(vm.runner(), Optional.of(vm.toplevel()), Optional.empty()));
                } else if (!now.current().equals(Optional.of(vm.runner()))
                        || !now.toplevel().equals(Optional.of(vm.toplevel()))) {
                    steps.add(new Step.SetCurrent(now.current(), vm.runner(), Optional.of(vm.toplevel())));
                }
                return true;
            }
            case FlakeDeployment vm -> {
                if (!now.directoryExists()) {
                    steps.add(new Step.CreateDirectory(vm.runner(), Optional.empty(),
                            Optional.of(vm.flakeRefToWrite())));
                    return true;
                }
                if (vm.updateFlake().isPresent()) {
                    notes.add("deployed from a flake with updateFlake = " + vm.updateFlake().get()
                            + ": a switch leaves it alone; update it with `microvm -u " + vm.name() + "`");
                    return false;
                }
                if (!now.current().equals(Optional.of(vm.runner()))) {
                    steps.add(new Step.SetCurrent(now.current(), vm.runner(), Optional.empty()));
                }
                if (!now.flakeRef().equals(Optional.of(vm.flakeRefToWrite()))) {
                    steps.add(new Step.WriteFlakeRef(now.flakeRef(), vm.flakeRefToWrite()));
                }
                return true;
            }
        }
    }

    private static VmPlan planUndeclared(ObservedVm now, boolean autostart) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (now.declaredBefore()) {
            if (now.running()) {
                steps.add(new Step.Stop("no longer declared"));
            }
            notes.add("no longer declared; its directory and volumes are kept"
                    + " (remove them with `microvm-host gc --remove-undeclared`)");
        } else if (autostart && !now.running() && now.current().isPresent()) {
            steps.add(new Step.Start("imperative VM listed in microvm.autostart and not running"));
        } else {
            notes.add("not declared by the host configuration (created with `microvm -c`, or removed earlier); a switch leaves it alone");
        }
        return new VmPlan(now.name(), headline(steps), steps, notes);
    }

    /**
     * The plan of {@code boot}: only the state-directory steps; no VM is started, restarted or
     * stopped, and each picks up its new runner at its next start.
     */
    public static HostPlan withoutInterruptions(HostPlan plan) {
        List<VmPlan> vms = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            List<Step> steps = vm.steps().stream().filter(Step::touchesState).toList();
            List<String> notes = new ArrayList<>(vm.notes());
            if (steps.size() < vm.steps().size()) {
                notes.add("boot: not started, restarted or stopped now; the new runner is used at its next start");
            }
            vms.add(new VmPlan(vm.name(), headline(steps), steps, notes, vm.changes()));
        }
        return new HostPlan(vms);
    }

    private static Action headline(List<Step> steps) {
        boolean create = false, update = false, restart = false, start = false, stop = false;
        for (Step step : steps) {
            switch (step) {
                case Step.CreateDirectory s -> create = true;
                case Step.SetCurrent s -> update = true;
                case Step.WriteFlakeRef s -> update = true;
                case Step.Restart s -> restart = true;
                case Step.Start s -> start = true;
                case Step.Stop s -> stop = true;
            }
        }
        if (create) {
            return Action.INSTALL;
        }
        if (stop) {
            return Action.STOP;
        }
        if (restart) {
            return Action.RESTART;
        }
        if (update) {
            return Action.UPDATE;
        }
        return start ? Action.START : Action.NOTHING;
    }
}
