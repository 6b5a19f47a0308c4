package org.jmicrovm.build.runner;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jmicrovm.model.Hypervisor;

/**
 * Everything a runner is, as data: {@link RunnerLayout} turns it into files.
 *
 * @param hypervisor       which hypervisor
 * @param command          argv of the hypervisor (argv[0] is an absolute path)
 * @param preStart         shell lines {@code microvm-run} runs first: the hypervisor's own preparation and the
 *                         user's {@code microvm.preStart}, in the order the hypervisor needs
 * @param macvtapFds       file descriptors {@code microvm-run} opens on macvtap devices before it execs
 * @param shutdown         body of {@code bin/microvm-shutdown}, present exactly when the hypervisor can shut
 *                         the guest down gracefully
 * @param balloon          body of {@code bin/microvm-balloon}, reading the wanted size in MiB from {@code $1}
 * @param support          what the runner can do (the host uses it to choose how to supervise)
 * @param files            extra files of the runner, by path relative to the runner directory
 * @param kernelCmdline    the guest kernel command line the command carries
 * @param accelerator      the accelerator, for hypervisors that have a choice (qemu)
 * @param diagnostics      warnings and notes (errors never reach a plan: they throw {@link RunnerException})
 */
public record RunnerPlan(Hypervisor hypervisor, List<Arg> command, List<String> preStart, List<MacvtapFd> macvtapFds,
                         Optional<String> shutdown, Optional<String> balloon, Support support,
                         Map<String, String> files, String kernelCmdline, Optional<Accelerator> accelerator,
                         List<Diagnostic> diagnostics) {

    /**
     * The runner's abilities, as microvm.nix's runner passthru names them.
     *
     * @param canShutdown          {@code bin/microvm-shutdown} exists
     * @param supportsNotifySocket the hypervisor relays the guest's sd_notify READY=1 (run it as Type=notify)
     * @param tapMultiQueue        tap devices must be created with {@code multi_queue}
     */
    public record Support(boolean canShutdown, boolean supportsNotifySocket, boolean tapMultiQueue) {}

    /** {@code exec <fd><>/dev/tap<ifindex of interface>} before the hypervisor starts. */
    public record MacvtapFd(int fd, String interfaceId) {}

    public RunnerPlan {
        Objects.requireNonNull(hypervisor);
        command = List.copyOf(command);
        preStart = List.copyOf(preStart);
        macvtapFds = List.copyOf(macvtapFds);
        Objects.requireNonNull(shutdown);
        Objects.requireNonNull(balloon);
        Objects.requireNonNull(support);
        if (support.canShutdown() != shutdown.isPresent()) {
            throw new IllegalArgumentException("canShutdown must match the presence of a shutdown script");
        }
        files = Map.copyOf(files);
        Objects.requireNonNull(kernelCmdline);
        Objects.requireNonNull(accelerator);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The command as plain strings (run-time expansions shown unexpanded). */
    public List<String> argv() {
        return command.stream().map(Arg::display).toList();
    }

    /** One argument per line, as golden files store it. */
    public String commandForDisplay() {
        return command.stream().map(Arg::display).collect(Collectors.joining("\n", "", "\n"));
    }
}
