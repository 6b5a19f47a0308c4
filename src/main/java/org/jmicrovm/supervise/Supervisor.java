package org.jmicrovm.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.ControlProtocol.Request;
import org.jmicrovm.supervise.ControlProtocol.Response;
import org.jmicrovm.supervise.ControlProtocol.VmStatus;

/**
 * The embedded supervisor: takes over the role systemd plays for microvm.nix. It runs every
 * VM of the state directory that should run, restarts a VM whose hypervisor crashed (but not
 * one whose guest powered itself off), rotates console logs, and answers control requests.
 *
 * <p>It owns no VM process in a way that ties their lives together: VMs keep running when the
 * supervisor dies, and a new supervisor adopts them ({@link #startUp()}).
 */
public final class Supervisor implements AutoCloseable {

    /** microvm.nix restarts after 5 s (RestartSec=5s). */
    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(5);
    /** Give up after this many crashes within {@link #RESTART_WINDOW}. */
    static final int RESTART_BURST = 5;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(2);
    /** A console log larger than this is rotated to {@code console.log.1}. */
    static final long CONSOLE_LOG_LIMIT = 4L * 1024 * 1024;

    private final StateDirectory state;
    private final Consumer<String> log;
    private final Duration restartDelay;
    private final Duration termGrace;
    private final Map<VmName, Managed> vms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "supervisor-scheduler");
        t.setDaemon(true);
        return t;
    });
    private volatile HostSettings settings = HostSettings.DEFAULT;

    public Supervisor(StateDirectory state, Consumer<String> log) {
        this(state, log, DEFAULT_RESTART_DELAY, VmRuntime.DEFAULT_TERM_GRACE);
    }

    public Supervisor(StateDirectory state, Consumer<String> log, Duration restartDelay, Duration termGrace) {
        this.state = state;
        this.log = log;
        this.restartDelay = restartDelay;
        this.termGrace = termGrace;
    }

    /** One supervised VM. Its lock serialises start, stop and crash handling. */
    private final class Managed {
        final VmName name;
        final VmRuntime runtime;
        final ReentrantLock lock = new ReentrantLock();
        final Deque<Instant> recentCrashes = new ArrayDeque<>();
        volatile String phase = "stopped";
        volatile ProcessHandle process;
        volatile boolean stopRequested;
        volatile int restarts;
        volatile String lastExit;

        Managed(VmName name) {
            this.name = name;
            this.runtime = new VmRuntime(state.vm(name), log, termGrace);
        }
    }

    /**
     * Adopts running VMs, cleans up after VMs that died while no supervisor watched them, and
     * starts the autostart VMs that are not running.
     */
    public void startUp() throws IOException {
        settings = HostSettings.read(state);
        for (VmDirectory dir : state.list()) {
            Managed vm = managed(dir.name());
            Optional<ProcessHandle> running = vm.runtime.hypervisor();
            if (running.isPresent()) {
                log.accept("adopted running VM " + dir.name() + " (pid " + running.get().pid() + ")");
                watch(vm, running.get(), Optional.empty());
            } else if (dir.bootedTarget().isPresent()) {
                log.accept("VM " + dir.name() + " stopped while unsupervised; cleaning up");
                vm.runtime.teardown();
            }
        }
        autostart();
        scheduler.scheduleWithFixedDelay(this::rotateConsoleLogs, 10, 10, TimeUnit.SECONDS);
    }

    private void autostart() {
        for (String name : settings.autostart()) {
            if (VmName.problemWith(name) != null || !state.vm(new VmName(name)).exists()) {
                log.accept("autostart: no VM directory for " + name + "; skipped");
                continue;
            }
            Managed vm = managed(new VmName(name));
            if (!vm.runtime.isRunning()) {
                Response r = start(vm.name);
                if (!r.ok()) {
                    log.accept("autostart of " + name + " failed: " + r.message());
                }
            }
        }
    }

    public Response handle(Request request) {
        try {
            return switch (request.command()) {
                case PING -> Response.ok("jmicrovm supervisor, pid " + ProcessHandle.current().pid());
                case LIST -> list();
                case RELOAD -> {
                    settings = HostSettings.read(state);
                    yield Response.ok("reloaded");
                }
                case STATUS -> new Response(true, "", List.of(status(name(request))));
                case START -> start(name(request));
                case STOP -> stop(name(request));
                case RESTART -> restart(name(request));
            };
        } catch (IllegalArgumentException | IOException e) {
            return Response.error(e.getMessage());
        }
    }

    private static VmName name(Request request) {
        if (request.vm() == null) {
            throw new IllegalArgumentException(request.command().name().toLowerCase() + " needs a VM name");
        }
        return new VmName(request.vm());
    }

    private Response list() throws IOException {
        List<VmStatus> result = new ArrayList<>();
        for (VmDirectory dir : state.list()) {
            result.add(status(dir.name()));
        }
        return new Response(true, "", result);
    }

    public VmStatus status(VmName name) {
        Managed vm = managed(name);
        VmDirectory dir = state.vm(name);
        Optional<ProcessHandle> running = vm.runtime.hypervisor();
        String phase = running.isPresent() && vm.phase.equals("stopped") ? "running" : vm.phase;
        return new VmStatus(name.value(), phase, running.map(ProcessHandle::pid).orElse(null),
                dir.currentTarget().map(Path::toString).orElse(null),
                dir.bootedTarget().map(Path::toString).orElse(null), vm.restarts, vm.lastExit);
    }

    public Response start(VmName name) {
        Managed vm = managed(name);
        vm.lock.lock();
        try (VmLock fileLock = VmLock.acquire(state, name, Duration.ofMinutes(5), log)) {
            if (!state.vm(name).exists()) {
                return Response.error("MicroVM " + name + " not found in " + state.root());
            }
            Optional<ProcessHandle> running = vm.runtime.hypervisor();
            if (running.isPresent()) {
                return Response.ok("MicroVM " + name + " is already running (pid " + running.get().pid() + ")");
            }
            vm.phase = "starting";
            vm.stopRequested = false;
            Process process = vm.runtime.start();
            watch(vm, process.toHandle(), Optional.of(process));
            return Response.ok("Started MicroVM " + name + " (pid " + process.pid() + ")");
        } catch (IOException e) {
            vm.phase = "stopped";
            return Response.error(e.getMessage());
        } finally {
            vm.lock.unlock();
        }
    }

    public Response stop(VmName name) {
        Managed vm = managed(name);
        vm.lock.lock();
        try (VmLock fileLock = VmLock.acquire(state, name, Duration.ofMinutes(5), log)) {
            vm.stopRequested = true;
            vm.phase = "stopping";
            String how = vm.runtime.stop(Duration.ofSeconds(settings.startupTimeoutSeconds()));
            vm.phase = "stopped";
            return Response.ok("MicroVM " + name + ": " + how);
        } catch (IOException e) {
            return Response.error(e.getMessage());
        } finally {
            vm.lock.unlock();
        }
    }

    public Response restart(VmName name) {
        Response stopped = stop(name);
        if (!stopped.ok()) {
            return stopped;
        }
        Response started = start(name);
        return started.ok() ? Response.ok("Restarted MicroVM " + name) : started;
    }

    private Managed managed(VmName name) {
        return vms.computeIfAbsent(name, Managed::new);
    }

    private void watch(Managed vm, ProcessHandle process, Optional<Process> child) {
        vm.process = process;
        vm.phase = "running";
        // A child's own Process.onExit completes only once the JDK has reaped it, so its exit value is there; the
        // handle's onExit can complete first (it waits without reaping), when exitValue() still throws.
        CompletableFuture<?> exited = child.isPresent() ? child.get().onExit() : process.onExit();
        exited.whenComplete((ignored, error) -> {
            try {
                onExit(vm, process, child);
            } catch (RuntimeException e) {
                // a CompletableFuture would swallow it, and the VM would look "running" with nothing behind it
                log.accept("handling the exit of MicroVM " + vm.name + " failed: " + e);
                vm.phase = "failed";
            }
        });
    }

    /** The hypervisor ended: on request, by the guest's own poweroff, or by a crash. */
    private void onExit(Managed vm, ProcessHandle process, Optional<Process> child) {
        vm.lock.lock();
        try {
            if (vm.stopRequested || vm.process != process) {
                return;
            }
            Optional<Integer> status = child.map(Process::exitValue);
            vm.lastExit = status.map(s -> "exit status " + s).orElse("exit status unknown (adopted process)");
            try {
                vm.runtime.teardown();
            } catch (IOException e) {
                log.accept("teardown of " + vm.name + " after exit failed: " + e.getMessage());
            }
            if (status.isPresent() && status.get() == 0) {
                log.accept("MicroVM " + vm.name + " powered off (hypervisor exited with status 0); not restarting");
                vm.phase = "stopped";
                return;
            }
            Instant now = Instant.now();
            vm.recentCrashes.addLast(now);
            while (!vm.recentCrashes.isEmpty() && vm.recentCrashes.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
                vm.recentCrashes.removeFirst();
            }
            if (vm.recentCrashes.size() > RESTART_BURST) {
                log.accept("MicroVM " + vm.name + " crashed " + vm.recentCrashes.size() + " times within "
                        + RESTART_WINDOW.toMinutes() + " minutes; giving up (see " + vm.runtime.consoleLog() + ")");
                vm.phase = "failed";
                return;
            }
            log.accept("MicroVM " + vm.name + " ended unexpectedly (" + vm.lastExit + "); restarting in "
                    + restartDelay.toMillis() + " ms");
            vm.phase = "restarting";
            scheduler.schedule(() -> {
                if (!vm.stopRequested && vm.phase.equals("restarting")) {
                    vm.restarts++;
                    Response r;
                    try {
                        r = start(vm.name);
                    } catch (RuntimeException e) {
                        // the scheduler would swallow it and leave the VM "restarting" for good
                        r = Response.error(e.toString());
                    }
                    if (!r.ok()) {
                        log.accept("restart of " + vm.name + " failed: " + r.message());
                        vm.phase = "failed";
                    }
                }
            }, restartDelay.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            vm.lock.unlock();
        }
    }

    /** Copy-and-truncate: the hypervisor keeps writing to the same open file (O_APPEND). */
    void rotateConsoleLogs() {
        for (Managed vm : vms.values()) {
            Path logFile = vm.runtime.consoleLog();
            try {
                if (Files.exists(logFile) && Files.size(logFile) > CONSOLE_LOG_LIMIT) {
                    Files.copy(logFile, logFile.resolveSibling("console.log.1"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    try (var channel = java.nio.channels.FileChannel.open(logFile, java.nio.file.StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                }
            } catch (IOException e) {
                log.accept("cannot rotate " + logFile + ": " + e.getMessage());
            }
        }
    }

    /** Stops supervising; the VMs keep running (a new supervisor adopts them). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (Managed vm : vms.values()) {
            vm.stopRequested = true; // exits seen from now on are not ours to handle
        }
    }
}
