package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jmicrovm.host.plan.HostPlan;
import org.jmicrovm.host.plan.ObservedVm;
import org.jmicrovm.host.plan.Step;
import org.jmicrovm.host.plan.VmPlan;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;
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
        Set<String> declaredBefore = readDeclared(state);
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
    public List<String> apply(HostPlan plan, Collection<VmName> declared, HostSettings settings) throws IOException {
        settings.write(state);
        Set<VmName> union = new TreeSet<>(declared);
        readDeclared(state).forEach(n -> union.add(new VmName(n)));
        writeDeclared(union);
        List<String> failures = new ArrayList<>();
        Installer installer = new Installer(state);
        for (VmPlan vm : plan.vms()) {
            try {
                applyStateSteps(installer, vm);
                applyLifecycleSteps(vm);
            } catch (IOException e) {
                failures.add(vm.name() + ": " + e.getMessage());
                progress.accept("error: " + vm.name() + ": " + e.getMessage());
            }
        }
        if (failures.isEmpty()) {
            writeDeclared(declared);
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

    private void applyLifecycleSteps(VmPlan vm) throws IOException {
        for (Step step : vm.steps()) {
            switch (step) {
                case Step.Restart s -> progress.accept(vm.name() + ": " + control.restart(vm.name()));
                case Step.Start s -> progress.accept(vm.name() + ": " + control.start(vm.name()));
                case Step.Stop s -> progress.accept(vm.name() + ": " + control.stop(vm.name()));
                case Step.CreateDirectory s -> { }
                case Step.SetCurrent s -> { }
                case Step.WriteFlakeRef s -> { }
            }
        }
    }

    static Set<String> readDeclared(StateDirectory state) throws IOException {
        if (!Files.exists(state.declaredList())) {
            return Set.of();
        }
        return new TreeSet<>(Files.readAllLines(state.declaredList()).stream().filter(l -> !l.isBlank()).toList());
    }

    private void writeDeclared(Collection<VmName> declared) throws IOException {
        Files.createDirectories(state.bookkeeping());
        StringBuilder text = new StringBuilder();
        new TreeSet<>(declared).forEach(n -> text.append(n.value()).append('\n'));
        Links.writeAtomically(state.declaredList(), text.toString());
    }
}
