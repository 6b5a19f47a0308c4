package org.jmicrovm.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.host.plan.HostPlan;
import org.jmicrovm.host.plan.Planner;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.state.HostLock;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.HostBridges;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostSettings;

/**
 * {@code microvm-host switch|boot|build|plan}: builds every declared VM, then (for switch and
 * boot) installs them by the seed's rules and starts, restarts or stops them. Every build
 * happens before anything on the host changes, so a failing build changes nothing.
 */
public final class Switch {

    /** How far to go. */
    public enum Mode {
        /** Build, plan and print; change nothing. */
        PLAN,
        /** Build only. */
        BUILD,
        /** Build and install (links only): VMs pick the new runner up at their next start. */
        BOOT,
        /** Build, install, and start/restart/stop as the plan says. */
        SWITCH
    }

    /** A VM as the evaluated host configuration declares it, before building. */
    public sealed interface Declared {
        VmName name();

        boolean restartIfChanged();

        /** {@code config}: the guest spec evaluated with the host. */
        record FullyDeclarative(VmName name, MicroVmSpec spec, boolean restartIfChanged) implements Declared {}

        /**
         * {@code flake}: built from the flake's {@code nixosConfigurations.<name>};
         * {@code flakeText} is what {@code S/<name>/flake} gets without {@code updateFlake}.
         */
        record FlakeDeployment(VmName name, MicroVmSpec spec, String flakeText, Optional<String> updateFlake,
                               boolean restartIfChanged) implements Declared {}
    }

    /** The evaluated host: its VMs and the settings the supervisor needs. */
    public record Host(List<Declared> vms, HostSettings settings) {
        public Host {
            vms = List.copyOf(vms);
        }
    }

    /**
     * @param host for {@code plan}: what happens to the host's bridges (empty for the other modes)
     */
    public record Result(HostPlan plan, List<String> failures, List<HostBridges.Preview> host) {
        public Result(HostPlan plan, List<String> failures) {
            this(plan, failures, List.of());
        }

        public boolean ok() {
            return failures.isEmpty();
        }

        /** Whether a switch would change anything: a VM's directory or process, or a bridge or its DHCP server. */
        public boolean changes() {
            return plan.vms().stream().anyMatch(vm -> !vm.steps().isEmpty())
                    || host.stream().anyMatch(HostBridges.Preview::changes);
        }
    }

    private final StateDirectory state;
    private final VmBuilds builds;
    private final Consumer<String> progress;

    public Switch(StateDirectory state, VmBuilds builds, Consumer<String> progress) {
        this.state = state;
        this.builds = builds;
        this.progress = progress;
    }

    public Result run(Host host, Mode mode) throws IOException {
        try (HostLock lock = HostLock.acquire(state, Duration.ofMinutes(30), progress)) {
            Map<VmName, DesiredVm> desired = buildAll(host);
            if (mode == Mode.BUILD) {
                return new Result(new HostPlan(List.of()), List.of());
            }
            Set<VmName> autostart = new TreeSet<>();
            for (String name : host.settings().autostart()) {
                if (VmName.problemWith(name) == null) {
                    autostart.add(new VmName(name));
                } else {
                    progress.accept("warning: microvm.autostart entry '" + name + "' is not a valid VM name; ignored");
                }
            }
            HostPlan plan = Planner.plan(desired, autostart, Activation.observe(state), new RunnerDeclarations());
            if (mode == Mode.BOOT) {
                plan = Planner.withoutInterruptions(plan);
            }
            progress.accept(plan.render().stripTrailing());
            if (mode == Mode.PLAN) {
                var hostBridges = HostBridges.onHost(state, progress);
                List<org.jmicrovm.model.HostBridge> now = host.settings().bridges();
                List<HostBridges.Preview> preview = new java.util.ArrayList<>(hostBridges.preview(now));
                preview.addAll(hostBridges.previewRemoval(org.jmicrovm.supervise.HostSettings.read(state).bridges(), now));
                preview.forEach(p -> progress.accept("host " + p.line()));
                return new Result(plan, List.of(), preview);
            }
            var activation = new Activation(state, VmControl.forHost(state, progress), progress);
            return new Result(plan, activation.apply(plan, desired, host.settings()));
        }
    }

    private Map<VmName, DesiredVm> buildAll(Host host) {
        Map<VmName, DesiredVm> desired = new TreeMap<>();
        int index = 0;
        for (Declared vm : host.vms()) {
            index++;
            progress.accept("building " + vm.name() + " (" + index + "/" + host.vms().size() + ")");
            long started = System.nanoTime();
            switch (vm) {
                case Declared.FullyDeclarative d -> {
                    VmBuilds.Built built = builds.build(d.spec());
                    desired.put(d.name(), new DesiredVm.FullyDeclarative(d.name(), built.runner().path(),
                            built.toplevel().path(), d.restartIfChanged()));
                    report(d.name(), built, started);
                }
                case Declared.FlakeDeployment f -> {
                    VmBuilds.Built built = builds.build(f.spec());
                    desired.put(f.name(), new DesiredVm.FlakeDeployment(f.name(), built.runner().path(), f.flakeText(),
                            f.updateFlake(), f.restartIfChanged()));
                    report(f.name(), built, started);
                }
            }
        }
        return desired;
    }

    private void report(VmName name, VmBuilds.Built built, long started) {
        progress.accept("built " + name + ": " + built.runner().path() + " in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms (" + built.accelerator().kind() + ": " + built.accelerator().reason()
                + ")");
    }
}
