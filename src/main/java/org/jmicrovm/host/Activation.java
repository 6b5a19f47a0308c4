package org.jmicrovm.host;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jmicrovm.host.plan.DesiredVm;
import java.util.function.Consumer;
import org.jmicrovm.host.plan.HostPlan;
import org.jmicrovm.host.plan.ObservedVm;
import org.jmicrovm.host.plan.Step;
import org.jmicrovm.host.plan.VmPlan;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostBridges;
import org.jmicrovm.supervise.HostSettings;
import org.jmicrovm.supervise.VmRuntime;

/**
 * Carries out a {@link HostPlan}: the state-directory steps of each VM under its lock, then
 * the starts, stops and restarts. Called only after every VM was built, so a failing build
 * never gets here and changes nothing.
 */
public final class Activation {

    private final StateDirectory state;
    private final VmControl control;
    private final Consumer<String> progress;

    public Activation(StateDirectory state, VmControl control, Consumer<String> progress) {
        this.state = state;
        this.control = control;
        this.progress = progress;
    }

    /** What is on the host now, for the planner. */
    public static Map<VmName, ObservedVm> observe(StateDirectory state) throws IOException {
        Set<String> declaredBefore = new TreeSet<>(DeclaredVms.readNames(state));
        Map<VmName, ObservedVm> observed = new HashMap<>();
        for (VmDirectory vm : state.list()) {
            observed.put(vm.name(), new ObservedVm(vm.name(), true, vm.currentTarget(), vm.bootedTarget(),
                    vm.toplevelTarget(), vm.flakeRef(), new VmRuntime(vm, l -> {}).isRunning(),
                    declaredBefore.contains(vm.name().value())));
        }
        return observed;
    }

    /**
     * Applies the plan. The host's settings are written first, so a supervisor started
     * meanwhile already knows the new autostart list. The list of declared VMs becomes the
     * union of the old and new ones before anything changes, and the new list only at the
     * end: an interrupted switch never makes a removed VM look imperative (and so never
     * stopped).
     *
     * @return one line per VM that failed; empty when everything succeeded
     */
    public List<String> apply(HostPlan plan, Map<VmName, DesiredVm> declared, HostSettings settings)
            throws IOException {
        Installer.removeTemporaries(state.bookkeeping());
        HostSettings before = HostSettings.read(state);
        settings.write(state);
        // before any VM starts: their taps join these bridges (VmRuntime)
        HostBridges bridges = HostBridges.onHost(state, progress);
        bridges.ensure(settings.bridges());
        if (HostBridges.anyNat(before.bridges()) && !HostBridges.anyNat(settings.bridges())) {
            bridges.removeNat();
        }
        Map<String, DeclaredVms.Entry> union = new TreeMap<>();
        DeclaredVms.read(state).forEach(e -> union.put(e.name(), e));
        declared.values().forEach(vm -> union.put(vm.name().value(), DeclaredVms.Entry.of(vm)));
        DeclaredVms.write(state, union.values());
        List<String> failures = new ArrayList<>();
        Installer installer = new Installer(state);
        List<GuestWatch.Watch> watches = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            try {
                applyStateSteps(installer, vm);
                applyLifecycleSteps(vm, settings, watches);
            } catch (IOException e) {
                failures.add(vm.name() + ": " + e.getMessage());
                progress.accept("error: " + vm.name() + ": " + e.getMessage());
            }
        }
        awaitWatched(watches, settings, failures);
        // after the VMs stopped that used them
        bridges.removeUndeclared(before.bridges(), settings.bridges());
        if (failures.isEmpty()) {
            List<String> now = declared.keySet().stream().map(VmName::value).toList();
            List<String> gone = union.keySet().stream().filter(n -> !now.contains(n))
                    .filter(n -> state.vm(new VmName(n)).exists()).toList();
            DeclaredVms.recordRemoved(state, gone, now);
            DeclaredVms.write(state, declared.values().stream().map(DeclaredVms.Entry::of).toList());
        }
        return failures;
    }

    private void applyStateSteps(Installer installer, VmPlan vm) throws IOException {
        if (!vm.touchesState()) {
            return;
        }
        try (VmLock lock = VmLock.acquire(state, vm.name(), Duration.ofMinutes(10), progress)) {
            installer.cleanStaging(vm.name());
            for (Step step : vm.steps()) {
                switch (step) {
                    case Step.CreateDirectory s -> {
                        progress.accept(vm.name() + ": " + s.describe());
                        installer.create(vm.name(), s.runner(), s.toplevel(), s.flakeRef());
                    }
                    case Step.SetCurrent s -> {
                        progress.accept(vm.name() + ": " + s.describe());
                        installer.setCurrent(vm.name(), s.to(), s.toplevel());
                    }
                    case Step.WriteFlakeRef s -> {
                        progress.accept(vm.name() + ": " + s.describe());
                        installer.writeFlakeRef(vm.name(), s.to());
                    }
                    case Step.Restart s -> { }
                    case Step.Start s -> { }
                    case Step.Stop s -> { }
                }
            }
        }
    }

    private void applyLifecycleSteps(VmPlan vm, HostSettings settings, List<GuestWatch.Watch> watches)
            throws IOException {
        for (Step step : vm.steps()) {
            switch (step) {
                case Step.Restart s -> startWatched(vm.name(), settings, watches, () -> control.restart(vm.name()));
                case Step.Start s -> startWatched(vm.name(), settings, watches, () -> control.start(vm.name()));
                case Step.Stop s -> progress.accept(vm.name() + ": " + control.stop(vm.name()));
                case Step.CreateDirectory s -> { }
                case Step.SetCurrent s -> { }
                case Step.WriteFlakeRef s -> { }
            }
        }
    }

    private interface LifecycleAction {
        String run() throws IOException;
    }

    /** Starts or restarts a VM; one with {@code rollbackOnFailure} is watched once all are started. */
    private void startWatched(VmName name, HostSettings settings, List<GuestWatch.Watch> watches, LifecycleAction action)
            throws IOException {
        if (!settings.rollbackOnFailure().contains(name.value())) {
            progress.accept(name + ": " + action.run());
            return;
        }
        GuestWatch.Watch watch = GuestWatch.before(state, name);
        progress.accept(name + ": " + action.run());
        watches.add(watch);
    }

    private void awaitWatched(List<GuestWatch.Watch> watches, HostSettings settings, List<String> failures) {
        failures.addAll(new GuestWatch(state, control, progress)
                .awaitOrRollBack(watches, Duration.ofSeconds(settings.startupTimeoutSeconds())));
    }
}
