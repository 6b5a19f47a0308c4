package org.jmicrovm.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.VmDirectory;

/**
 * Starts and stops one VM from its directory, doing what microvm.nix's systemd units do:
 * {@code tap-up}, {@code macvtap-up}, {@code virtiofsd-run}, the {@code booted} link, then
 * {@code microvm-run}; and the reverse, always with the scripts of the runner that booted.
 *
 * <p>Processes are started in their own session with their output going straight to log
 * files, not through us, so they outlive a supervisor that is killed, and a new supervisor
 * finds them again from their {@link ProcessRecord}s.
 */
public final class VmRuntime {

    /** How long a tap/macvtap script may take. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    /** How long virtiofsd gets to create its sockets. */
    private static final Duration VIRTIOFSD_READY_TIMEOUT = Duration.ofSeconds(30);
    /** Between SIGTERM and SIGKILL, unless told otherwise. */
    public static final Duration DEFAULT_TERM_GRACE = Duration.ofSeconds(10);

    private final VmDirectory vm;
    private final Consumer<String> log;
    private final Duration termGrace;
    private final Optional<HypervisorUser> runAs;
    /** Completes once the exit status of a hypervisor this object started is written. */
    private volatile java.util.concurrent.CompletableFuture<Void> exitRecorded;

    public VmRuntime(VmDirectory vm, Consumer<String> log) {
        this(vm, log, DEFAULT_TERM_GRACE);
    }

    public VmRuntime(VmDirectory vm, Consumer<String> log, Duration termGrace) {
        this(vm, log, termGrace, HypervisorUser.detect(System.getenv()));
    }

    /** @param runAs the user the hypervisor runs as; empty to run it as the caller */
    public VmRuntime(VmDirectory vm, Consumer<String> log, Duration termGrace, Optional<HypervisorUser> runAs) {
        this.vm = vm;
        this.log = log;
        this.termGrace = termGrace;
        this.runAs = runAs;
    }

    public Path runtimeDir() {
        return vm.path().resolve(".jmicrovm");
    }

    public Path hypervisorRecord() {
        return runtimeDir().resolve("microvm.pid");
    }

    public Path virtiofsdRecord() {
        return runtimeDir().resolve("virtiofsd.pid");
    }

    /**
     * Where the hypervisor's exit status is written when it ends, by the process that started
     * it (a hypervisor adopted after a supervisor restart ends without one).
     */
    public Path exitStatusFile() {
        return runtimeDir().resolve("exit-status");
    }

    public Path consoleLog() {
        return vm.path().resolve("console.log");
    }

    /**
     * Where in {@link #consoleLog()} the output of the running boot begins (the log's size when it was
     * started), so that the boot's own lines can be told from earlier ones ({@code microvm status}).
     */
    public Path bootLogOffsetFile() {
        return runtimeDir().resolve("boot-log-offset");
    }

    /** {@link #bootLogOffsetFile()}'s value, 0 when unknown (a VM started before it was recorded). */
    public long bootLogOffset() {
        try {
            return Long.parseLong(Files.readString(bootLogOffsetFile()).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The running hypervisor process, if any. */
    public Optional<ProcessHandle> hypervisor() {
        return ProcessRecord.read(hypervisorRecord()).flatMap(ProcessRecord::live);
    }

    public boolean isRunning() {
        return hypervisor().isPresent();
    }

    /**
     * Starts the VM from {@code current}, detached: it runs in its own session with its
     * console in {@link #consoleLog()}. On any failure the steps already done are undone, so a
     * failed start leaves no tap device, virtiofsd or {@code booted} link behind.
     */
    public Process start() throws IOException {
        RunnerScripts runner = prepare();
        try {
            // No wrapper process: the pid we record is the hypervisor itself (microvm-run execs it),
            // so signals reach it and its death is seen at once.
            List<String> command = new ArrayList<>();
            if (runAs.isPresent()) {
                runAs.get().own(vm.path());
                command.addAll(runAs.get().commandPrefix());
            }
            command.add(runner.microvmRun().toString());
            long logOffset = Files.exists(consoleLog()) ? Files.size(consoleLog()) : 0;
            Process hypervisor = launchDetached(command, consoleLog());
            recordHypervisor(hypervisor);
            Links.writeAtomically(bootLogOffsetFile(), logOffset + "\n");
            log.accept("started VM " + vm.name() + " (pid " + hypervisor.pid() + ") from " + runner.runner());
            return hypervisor;
        } catch (IOException | RuntimeException e) {
            undoFailedStart(e);
            throw e;
        }
    }

    /**
     * {@code microvm -r}: runs the VM in the foreground with the caller's terminal, but with
     * its tap devices and virtiofsd (the original skips those, its issue #266), and tears
     * everything down when the hypervisor exits.
     *
     * @return the hypervisor's exit status
     */
    public int runInForeground() throws IOException, InterruptedException {
        RunnerScripts runner = prepare();
        Process hypervisor;
        try {
            hypervisor = new ProcessBuilder(runner.microvmRun().toString())
                    .directory(vm.path().toFile())
                    .inheritIO()
                    .start();
            recordHypervisor(hypervisor);
        } catch (IOException | RuntimeException e) {
            undoFailedStart(e);
            throw e;
        }
        try {
            return hypervisor.waitFor();
        } finally {
            teardown();
            awaitExitRecorded();
        }
    }

    /** Everything before the hypervisor: checks, {@code booted}, tap, macvtap, virtiofsd. */
    private RunnerScripts prepare() throws IOException {
        Optional<ProcessHandle> running = hypervisor();
        if (running.isPresent()) {
            throw new IOException("VM " + vm.name() + " is already running (pid " + running.get().pid() + ")");
        }
        Path current = vm.currentTarget().orElseThrow(() -> new IOException(
                "VM " + vm.name() + " has no current runner (" + vm.current() + " is missing); build or install it first"));
        RunnerScripts runner = new RunnerScripts(current);
        if (!Files.isExecutable(runner.microvmRun())) {
            throw new IOException(runner.microvmRun() + " is missing or not executable; is " + current + " a runner?");
        }
        refuseWhatRunningVmsHold(runner);
        Files.createDirectories(runtimeDir());
        Files.deleteIfExists(exitStatusFile());
        try {
            // booted first: teardown (also after a crash) must use the scripts of this runner.
            Links.replace(vm.booted(), current);
            runScript(runner.tapUp());
            joinBridges(runner);
            runScript(runner.macvtapUp());
            startVirtiofsd(runner);
            return runner;
        } catch (IOException | RuntimeException e) {
            undoFailedStart(e);
            throw e;
        }
    }

    /**
     * A tap or macvtap name or vsock cid of this runner that a running VM of the same state directory holds: the
     * runner's tap-up would delete that VM's device and make it anew for this one (the switch refuses declared
     * VMs that collide; imperative ones, and runners installed by hand, are only seen here).
     */
    private void refuseWhatRunningVmsHold(RunnerScripts runner) throws IOException {
        java.util.Set<String> wanted = runner.hostResources();
        if (wanted.isEmpty()) {
            return;
        }
        for (VmDirectory other : new org.jmicrovm.state.StateDirectory(vm.path().getParent()).list()) {
            if (other.name().equals(vm.name()) || other.bootedTarget().isEmpty()
                    || !new VmRuntime(other, line -> { }).isRunning()) {
                continue;
            }
            for (String held : new RunnerScripts(other.bootedTarget().get()).hostResources()) {
                if (wanted.contains(held)) {
                    throw new IOException("VM " + vm.name() + " cannot start: its " + held + " is held by VM "
                            + other.name() + ", which runs; give one of them another (microvm.interfaces id,"
                            + " microvm.vsock.cid) or stop " + other.name() + " first");
                }
            }
        }
    }

    private void recordHypervisor(Process hypervisor) throws IOException {
        ProcessRecord.of(hypervisor.toHandle()).write(hypervisorRecord());
        Path exitStatus = exitStatusFile();
        exitRecorded = hypervisor.onExit().thenAccept(p -> {
            try {
                Files.writeString(exitStatus, p.exitValue() + "\n");
            } catch (IOException e) {
                log.accept("cannot record the exit status of VM " + vm.name() + ": " + e.getMessage());
            }
        });
    }

    private void undoFailedStart(Exception cause) {
        log.accept("start of VM " + vm.name() + " failed: " + cause.getMessage() + "; undoing");
        try {
            teardown();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Stops the VM gracefully: {@code booted/bin/microvm-shutdown}, then up to {@code timeout}
     * for the hypervisor to exit, then SIGTERM, then SIGKILL; then the teardown.
     *
     * @return how it ended, for the caller to report
     */
    public String stop(Duration timeout) throws IOException {
        Optional<ProcessHandle> running = hypervisor();
        String how;
        if (running.isEmpty()) {
            how = "was not running";
        } else {
            how = terminate(running.get(), timeout);
        }
        teardown();
        awaitExitRecorded();
        return how;
    }

    /** The exit status is written asynchronously; a caller of stop() may rely on it being there. */
    private void awaitExitRecorded() {
        var recorded = exitRecorded;
        if (recorded != null) {
            try {
                recorded.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.accept("exit status of VM " + vm.name() + " not recorded: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String terminate(ProcessHandle hypervisor, Duration timeout) throws IOException {
        Optional<Path> booted = vm.bootedTarget();
        Optional<Path> shutdown = booted.flatMap(b -> new RunnerScripts(b).microvmShutdown());
        long deadline = System.nanoTime() + timeout.toNanos();
        if (shutdown.isPresent()) {
            Process script = new ProcessBuilder(shutdown.get().toString())
                    .directory(vm.path().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // Wait for the hypervisor to exit; a shutdown script that fails ends the wait early,
            // since nothing will make the guest go away gracefully then.
            while (hypervisor.isAlive() && System.nanoTime() < deadline
                    && (script.isAlive() || script.exitValue() == 0)) {
                sleep(20);
            }
            if (!hypervisor.isAlive()) {
                script.destroy();
                return "shut down gracefully";
            }
            // judged before the kill: a script killed here has exit status 137 a moment later
            boolean timedOut = script.isAlive() || script.exitValue() == 0;
            script.destroyForcibly();
            log.accept(timedOut
                    ? "VM " + vm.name() + " did not shut down within " + timeout.toSeconds() + " s; sending SIGTERM"
                    : "microvm-shutdown of VM " + vm.name() + " failed (exit status " + script.exitValue()
                            + "); sending SIGTERM");
        }
        signalGroup(hypervisor, "TERM");
        if (waitForExit(hypervisor, System.nanoTime() + termGrace.toNanos())) {
            return shutdown.isPresent() ? "terminated after the shutdown timeout" : "terminated (no microvm-shutdown)";
        }
        log.accept("VM " + vm.name() + " ignored SIGTERM; sending SIGKILL");
        signalGroup(hypervisor, "KILL");
        waitForExit(hypervisor, System.nanoTime() + termGrace.toNanos());
        return "killed";
    }

    /** Undoes what start did, with the booted runner's scripts. Safe to call repeatedly. */
    public void teardown() throws IOException {
        Optional<ProcessHandle> virtiofsd = ProcessRecord.read(virtiofsdRecord()).flatMap(ProcessRecord::live);
        if (virtiofsd.isPresent()) {
            signalGroup(virtiofsd.get(), "TERM");
            if (!waitForExit(virtiofsd.get(), System.nanoTime() + termGrace.toNanos())) {
                signalGroup(virtiofsd.get(), "KILL");
            }
        }
        Files.deleteIfExists(virtiofsdRecord());
        Optional<Path> booted = vm.bootedTarget();
        if (booted.isPresent()) {
            RunnerScripts scripts = new RunnerScripts(booted.get());
            runScriptQuietly(scripts.tapDown());
            runScriptQuietly(scripts.macvtapDown());
        }
        Files.deleteIfExists(hypervisorRecord());
        Links.removeIfLink(vm.booted());
    }

    /**
     * The VM's taps join the host's bridges whose patterns they match ({@code microvm.host.bridges}). The
     * bridges (and their NAT and DHCP servers) are made again first if missing: after a host reboot the supervisor starts the
     * VMs before any switch ran.
     */
    private void joinBridges(RunnerScripts runner) throws IOException {
        List<String> taps = runner.tapInterfaces();
        if (taps.isEmpty()) {
            return;
        }
        var state = new org.jmicrovm.state.StateDirectory(vm.path().getParent());
        List<org.jmicrovm.model.HostBridge> bridges = HostSettings.read(state).bridges();
        if (bridges.stream().anyMatch(b -> taps.stream().anyMatch(b::takes))) {
            HostBridges host = HostBridges.onHost(state, log);
            try {
                host.ensure(bridges);
            } catch (BridgeDhcp.NotStarted e) {
                // the switch fails on this; a VM starting on its own (after a reboot) still starts: it may not
                // need DHCP, and would not get an address by staying off either
                log.accept("warning: " + e.getMessage().replace("\n", "\nwarning: ") + "\nwarning: MicroVM "
                        + vm.name() + " starts without it");
            }
            host.join(taps, bridges);
        }
    }

    private void startVirtiofsd(RunnerScripts runner) throws IOException {
        Optional<Path> script = runner.virtiofsdRun();
        if (script.isEmpty()) {
            return;
        }
        ProcessHandle daemon = launchDetached(List.of(script.get().toString()), vm.path().resolve("virtiofsd.log"))
                .toHandle();
        ProcessRecord.of(daemon).write(virtiofsdRecord());
        List<Path> sockets = new ArrayList<>();
        for (String socket : runner.virtiofsSockets()) {
            sockets.add(vm.path().resolve(socket));
        }
        long deadline = System.nanoTime() + VIRTIOFSD_READY_TIMEOUT.toNanos();
        while (!sockets.stream().allMatch(Files::exists)) {
            if (!daemon.isAlive()) {
                throw new IOException("virtiofsd-run exited before creating its sockets; see "
                        + vm.path().resolve("virtiofsd.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("virtiofsd did not create " + sockets + " within "
                        + VIRTIOFSD_READY_TIMEOUT.toSeconds() + " s; see " + vm.path().resolve("virtiofsd.log"));
            }
            sleep(20);
        }
    }

    private Process launchDetached(List<String> command, Path output) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(vm.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // A supervisor run as a systemd service must not hand its unit's notify socket to the VMs: their
        // runners would report readiness to it (microvm-run's ReadyNotification)
        builder.environment().remove("NOTIFY_SOCKET");
        return builder.start();
    }

    private void runScript(Optional<Path> script) throws IOException {
        if (script.isEmpty()) {
            return;
        }
        Process process = new ProcessBuilder(script.get().toString())
                .directory(vm.path().toFile())
                .redirectErrorStream(true)
                .start();
        String output;
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(script.get() + " did not finish within " + SCRIPT_TIMEOUT.toSeconds() + " s");
            }
            output = new String(process.getInputStream().readAllBytes()).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + script.get(), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(script.get() + " failed with exit status " + process.exitValue()
                    + (output.isEmpty() ? "" : ":\n" + output));
        }
    }

    private void runScriptQuietly(Optional<Path> script) {
        try {
            runScript(script);
        } catch (IOException e) {
            log.accept("teardown of VM " + vm.name() + ": " + e.getMessage());
        }
    }

    /** Signals the whole session (the wrapper shell and the hypervisor it started). */
    private static void signalGroup(ProcessHandle leader, String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, "--", "-" + leader.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall back to the process alone
            if (signal.equals("KILL")) {
                leader.destroyForcibly();
            } else {
                leader.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitForExit(ProcessHandle process, long deadlineNanos) {
        while (process.isAlive()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            sleep(20);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
