package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeRef;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.state.HostLock;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;

/**
 * {@code microvm -c} and {@code microvm -u}: VMs built from a flake's
 * {@code nixosConfigurations.<name>} and installed imperatively, with the original's messages; and
 * {@code microvm rollback}, which goes back to the runner installed before.
 */
public final class ImperativeVms {

    /** Messages for the user; {@code error} lines are shown in red on a terminal. */
    public interface Output {
        void info(String line);

        void error(String line);
    }

    /** A refusal the original reports with exit status 1. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final StateDirectory state;
    private final FlakeEvaluator flakes;
    private final VmBuilds builds;
    private final Consumer<String> progress;

    public ImperativeVms(StateDirectory state, FlakeEvaluator flakes, VmBuilds builds, Consumer<String> progress) {
        this.state = state;
        this.flakes = flakes;
        this.builds = builds;
        this.progress = progress;
    }

    /**
     * {@code microvm -c NAME [-f FLAKE]}: builds first (as the original), then creates the VM's
     * directory atomically with {@code current} and {@code flake}. The VM is not started.
     */
    public void create(VmName name, FlakeRef flake) throws IOException, Refused {
        try (HostLock host = HostLock.acquire(state, Duration.ofMinutes(30), progress)) {
            VmBuilds.Built built = build(name, flake);
            try (VmLock lock = VmLock.acquire(state, name, Duration.ofMinutes(5), progress)) {
                new Installer(state).cleanStaging(name);
                new Installer(state).create(name, built.runner().path(), Optional.empty(), Optional.of(flake.text()));
            } catch (FileAlreadyExistsException e) {
                throw new Refused(state.vm(name).path() + " already exists.");
            }
        }
    }

    /**
     * {@code microvm -u NAME [-R]}: rebuilds from the VM's {@code flake} file, moves
     * {@code current}, and says whether a restart is needed (or restarts with {@code -R}).
     */
    public void update(VmName name, boolean restart, VmControl control, Output out) throws IOException, Refused {
        update(name, restart, false, control, out);
    }

    /**
     * {@code microvm -u NAME -R --rollback-on-failure}: as {@link #update(VmName, boolean, VmControl, Output)},
     * and a VM rebooted into the new runner whose guest does not report ready within
     * {@code microvm.host.startupTimeout} goes back to the runner before and is started again
     * (as a switch does for {@code rollbackOnFailure}); refused then, naming what happened.
     */
    public void update(VmName name, boolean restart, boolean rollbackOnFailure, VmControl control, Output out)
            throws IOException, Refused {
        VmDirectory vm = state.vm(name);
        if (!vm.exists()) {
            throw new Refused("MicroVM " + name + " not found in " + state.root());
        }
        if (vm.isFullyDeclarative()) {
            throw new Refused("This MicroVM is managed fully declaratively and cannot be updated manually!");
        }
        String flakeText = vm.flakeRef().orElseThrow(() -> new Refused(
                "MicroVM " + name + " has no flake file (" + vm.flakeFile() + "); it cannot be updated"));
        FlakeRef flake = FlakeRef.parse(flakeText, vm.path());
        Path built;
        try (HostLock host = HostLock.acquire(state, Duration.ofMinutes(30), progress)) {
            built = build(name, flake).runner().path();
            try (VmLock lock = VmLock.acquire(state, name, Duration.ofMinutes(5), progress)) {
                new Installer(state).cleanStaging(name);
                new Installer(state).setCurrent(name, built, Optional.empty());
            }
        }
        GuestWatch.Watch watch = rollbackOnFailure ? GuestWatch.before(state, name) : null;
        boolean rebooted = rebootFor(vm, built, restart, control, out);
        if (watch != null && rebooted) {
            Duration timeout = Duration.ofSeconds(org.jmicrovm.supervise.HostSettings.read(state).startupTimeoutSeconds());
            java.util.List<String> failures = new GuestWatch(state, control, progress)
                    .awaitOrRollBack(java.util.List.of(watch), timeout);
            if (!failures.isEmpty()) {
                throw new Refused(failures.get(0));
            }
            out.info("MicroVM " + name + " is up.");
        }
    }

    /**
     * After {@code current} changed to {@code runner}: says whether the VM must reboot, or reboots it ({@code -R}).
     * Returns whether it (re)started the VM.
     */
    private static boolean rebootFor(VmDirectory vm, Path runner, boolean restart, VmControl control, Output out)
            throws IOException {
        VmName name = vm.name();
        Optional<Path> booted = vm.bootedTarget();
        if (booted.isPresent()) {
            if (booted.get().equals(runner)) {
                out.info("No reboot of MicroVM " + name + " required.");
            } else if (restart) {
                out.info("Rebooting MicroVM " + name);
                tellChanges(booted.get(), runner, out);
                out.info(control.restart(name));
                return true;
            } else {
                out.info("Reboot MicroVM " + name + " for the new profile: microvm restart " + name);
                tellChanges(booted.get(), runner, out);
            }
        } else if (restart) {
            out.info("Booting MicroVM " + name);
            out.info(control.start(name));
            return true;
        }
        return false;
    }

    /** What the reboot onto {@code runner} changes for the guest, as {@code plan} says it. */
    private static void tellChanges(Path booted, Path runner, Output out) {
        for (String change : new RunnerDeclarations().changes(booted, runner)) {
            out.info("  ~ " + change);
        }
    }

    /**
     * {@code microvm rollback NAME [-R]}: {@code current} goes back to the runner it named before its last
     * change ({@code previous}), and {@code previous} to the one it replaces, so a second rollback undoes the
     * first. For a fully declarative VM {@code toplevel} follows, and the next {@code microvm-host switch}
     * installs the declared build again. The VM reboots as after {@code -u}: on {@code -R}, else when asked to.
     */
    public static void rollback(StateDirectory state, VmName name, boolean restart, VmControl control, Output out,
                                Consumer<String> progress) throws IOException, Refused {
        VmDirectory vm = state.vm(name);
        if (!vm.exists()) {
            throw new Refused("MicroVM " + name + " not found in " + state.root());
        }
        Path back = backToPrevious(state, name, progress);
        out.info("Rolled back MicroVM " + name + " to " + back + ".");
        if (vm.isFullyDeclarative()) {
            out.info("It is declared in the host configuration: the next microvm-host switch installs the declared"
                    + " build again.");
        }
        rebootFor(vm, back, restart, control, out);
    }

    /**
     * Points {@code current} (and a fully declarative VM's {@code toplevel}) at {@code previous}, and
     * {@code previous} at what {@code current} named, under the VM's lock. Returns the runner rolled back to;
     * refuses, changing nothing, when there is none or it has left the store.
     */
    static Path backToPrevious(StateDirectory state, VmName name, Consumer<String> progress) throws IOException, Refused {
        VmDirectory vm = state.vm(name);
        try (VmLock lock = VmLock.acquire(state, name, Duration.ofMinutes(5), progress)) {
            Path now = vm.currentTarget().orElseThrow(() -> new Refused("MicroVM " + name + " has no current runner."));
            Path back = vm.previousTarget().filter(p -> !p.equals(now)).orElseThrow(() -> new Refused(
                    "MicroVM " + name + " has no earlier runner to roll back to (" + vm.previous()
                            + " is set when switch or -u installs a new one)."));
            if (!java.nio.file.Files.isExecutable(back.resolve("bin/microvm-run"))) {
                throw new Refused("The earlier runner of MicroVM " + name + ", " + back + ", is gone from the store.");
            }
            Optional<Path> toplevel = vm.isFullyDeclarative() ? VmDirectory.systemOf(back) : Optional.empty();
            new Installer(state).setCurrent(name, back, toplevel);
            return back;
        }
    }

    private VmBuilds.Built build(VmName name, FlakeRef flake) {
        progress.accept("evaluating " + flake.text() + "#nixosConfigurations." + name);
        MicroVmSpec spec = flakes.guest(flake, name.value());
        progress.accept("building " + name);
        VmBuilds.Built built = builds.build(spec);
        progress.accept("built " + built.runner().path());
        return built;
    }
}
