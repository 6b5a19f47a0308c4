package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.supervise.VmRuntime;

/**
 * {@code microvm -l}: every VM directory with a {@code current} link, with the original's
 * classification (outdated, current, stale, not booted). Unlike the original, a runner
 * without {@code share/microvm/system} (no system symlink) is listed, not fatal.
 */
public final class ListVms {

    /** Whether an instance runs (green), only a {@code booted} link is left (yellow), or neither (red). */
    public enum Activity { RUNNING, BOOTED, OFF }

    public enum Status { OUTDATED, CURRENT, STALE, NOT_BOOTED }

    /**
     * One line of the listing. Systems are store paths with the store directory and hash
     * stripped, as the original prints them; {@code newSystem} is "error" when it could not
     * be determined.
     *
     * @param guestReady     for a running VM whose runner says how its guest reports ready, whether the running
     *                       boot's guest did ({@link GuestReadiness})
     * @param previousSystem the guest system {@code microvm rollback} would go back to
     * @param addresses      what the DHCP servers of the host's bridges leased to the guest
     */
    public record Entry(String name, Activity activity, Status status, String currentSystem,
                        Optional<String> bootedSystem, String newSystem, Optional<Boolean> guestReady,
                        Optional<String> previousSystem, List<String> addresses) {}

    private final StateDirectory state;
    private final Function<VmDirectory, Optional<Path>> flakeSystem;

    /**
     * @param flakeSystem evaluates a flake VM's guest system from its {@code flake} file, as
     *                    {@code microvm -l} does; empty when it cannot (shown as "error")
     */
    public ListVms(StateDirectory state, Function<VmDirectory, Optional<Path>> flakeSystem) {
        this.state = state;
        this.flakeSystem = flakeSystem;
    }

    public List<Entry> call() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (VmDirectory vm : state.list()) {
            Optional<Path> current = vm.currentTarget();
            if (current.isEmpty()) {
                continue;
            }
            // Compared as full store paths (two builds of one VM differ only in their hashes), shown stripped.
            Path currentPath = VmDirectory.systemOf(current.get()).orElse(current.get());
            Optional<Path> newPath = vm.isFullyDeclarative() ? vm.toplevelTarget() : flakeSystem.apply(vm);
            Optional<Path> booted = vm.bootedTarget();
            Optional<Path> bootedPath = booted.map(b -> VmDirectory.systemOf(b).orElse(b));
            String currentSystem = strip(currentPath);
            String newSystem = newPath.map(ListVms::strip).orElse("error");
            Optional<String> bootedSystem = bootedPath.map(ListVms::strip);

            VmRuntime runtime = new VmRuntime(vm, line -> {});
            Activity activity = runtime.isRunning() ? Activity.RUNNING
                    : booted.isPresent() ? Activity.BOOTED : Activity.OFF;
            Optional<Boolean> ready = activity == Activity.RUNNING && GuestReadiness.judged(vm)
                    ? Optional.of(GuestReadiness.readyInRunningBoot(runtime)) : Optional.empty();
            Optional<String> previous = vm.previousTarget().filter(p -> !p.equals(current.get()))
                    .map(p -> strip(VmDirectory.systemOf(p).orElse(p)));
            Status status;
            if (newPath.isEmpty() || !currentPath.equals(newPath.get())) {
                status = Status.OUTDATED;
            } else if (bootedPath.isPresent() && bootedPath.get().equals(newPath.get())) {
                status = Status.CURRENT;
            } else if (bootedPath.isPresent()) {
                status = Status.STALE;
            } else {
                status = Status.NOT_BOOTED;
            }
            List<String> addresses = org.jmicrovm.supervise.HostBridges.leasesOf(state, current.get()).stream()
                    .map(org.jmicrovm.supervise.HostBridges.TapLease::address).toList();
            entries.add(new Entry(vm.name().value(), activity, status, currentSystem, bootedSystem, newSystem, ready,
                    previous, addresses));
        }
        return entries;
    }

    /** {@code /store/abc123-nixos-system-web} → {@code nixos-system-web}: everything after the first '-'. */
    static String strip(Path storePath) {
        String name = storePath.getFileName().toString();
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(dash + 1);
    }
}
