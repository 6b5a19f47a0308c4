package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.VmRuntime;

/**
 * Watching VMs that were just started into a new runner, and rolling back those whose guest does not come up:
 * a switch's {@code rollbackOnFailure} and {@code microvm -u -R --rollback-on-failure}. A watch is taken
 * before the start (where the console log ends), and all watches are awaited within one startup timeout
 * (they boot at the same time: ten broken VMs cost one timeout, not ten). One that stops first or stays
 * silent is stopped, goes back to its previous runner ({@link ImperativeVms#backToPrevious}) and is
 * started again.
 */
final class GuestWatch {

    /** A VM about to be started, and where its console log stood before. */
    record Watch(VmName name, VmRuntime runtime, long logOffset) {}

    private final StateDirectory state;
    private final VmControl control;
    private final Consumer<String> progress;

    GuestWatch(StateDirectory state, VmControl control, Consumer<String> progress) {
        this.state = state;
        this.control = control;
        this.progress = progress;
    }

    /** Take before starting the VM. */
    static Watch before(StateDirectory state, VmName name) throws IOException {
        VmRuntime runtime = new VmRuntime(state.vm(name), l -> { });
        return new Watch(name, runtime, GuestReadiness.logSize(runtime.consoleLog()));
    }

    /** Waits for the watched guests; returns one failure line per VM that did not come up (rolled back or not). */
    List<String> awaitOrRollBack(List<Watch> watches, Duration timeout) {
        List<String> failures = new ArrayList<>();
        if (watches.isEmpty()) {
            return failures;
        }
        progress.accept("waiting up to " + timeout.toSeconds() + " s for the guests of "
                + String.join(", ", watches.stream().map(w -> w.name().value()).toList()) + " to report ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Watch w : watches) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                GuestReadiness.Outcome outcome = GuestReadiness.await(w.runtime(), w.logOffset(), left);
                if (outcome == GuestReadiness.Outcome.READY) {
                    progress.accept(w.name() + ": ready");
                } else {
                    rollBack(w, outcome == GuestReadiness.Outcome.STOPPED ? "stopped before its guest reported ready"
                            : "did not report ready within " + timeout.toSeconds() + " s");
                }
            } catch (IOException e) {
                failures.add(w.name() + ": " + e.getMessage());
                progress.accept("error: " + w.name() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private void rollBack(Watch w, String problem) throws IOException {
        VmName name = w.name();
        String why = problem + " (see " + w.runtime().consoleLog() + ")";
        Path back;
        try {
            back = ImperativeVms.backToPrevious(state, name, progress);
        } catch (ImperativeVms.Refused e) {
            throw new IOException(why + "; not rolled back: " + e.getMessage());
        }
        progress.accept(name + ": " + why + "; rolling back to " + back);
        try {
            progress.accept(name + ": " + control.stop(name));
        } catch (IOException e) {
            progress.accept(name + ": " + e.getMessage());
        }
        progress.accept(name + ": " + control.start(name));
        throw new IOException(why + "; rolled back to " + back + " and started it (microvm rollback " + name
                + " goes forward again)");
    }
}
