package org.jmicrovm.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.build.guest.GuestSystem;
import org.jmicrovm.supervise.VmRuntime;

/**
 * Whether a VM's guest came up: jmicrovm's guests print {@code MICROVM-READY <host name>} on their console
 * once their services are started ({@link GuestSystem#READY_MARKER}). The console log is read from where it
 * ended before the start, so an earlier boot's line does not count; a log the supervisor rotated meanwhile
 * (copied away and truncated) is read again from its start.
 */
public final class GuestReadiness {

    public enum Outcome { READY, STOPPED, TIMED_OUT }

    private static final Duration POLL = Duration.ofMillis(250);

    private GuestReadiness() {}

    public static long logSize(Path log) throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }

    public static Outcome await(VmRuntime runtime, long fromOffset, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LogScan scan = new LogScan(runtime.consoleLog(), fromOffset);
        while (true) {
            if (scan.readyLineSoFar()) {
                return Outcome.READY;
            }
            if (!runtime.isRunning()) {
                return scan.readyLineSoFar() ? Outcome.READY : Outcome.STOPPED; // its last words count
            }
            if (System.nanoTime() > deadline) {
                return Outcome.TIMED_OUT;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.TIMED_OUT;
            }
        }
    }

    /**
     * Whether the running boot's guest reported ready: a ready line in the console log after where the boot
     * began ({@link VmRuntime#bootLogOffset()}; the whole log if it was rotated since). Callers check
     * {@link #judged} first: a guest that never prints the line (a runner made by microvm.nix) would look stuck.
     */
    public static boolean readyInRunningBoot(VmRuntime runtime) throws IOException {
        return new LogScan(runtime.consoleLog(), runtime.bootLogOffset()).readyLineSoFar();
    }

    /**
     * Reads a console log from an offset on, as far as it is written, looking for a line that starts with the
     * ready marker; called again, it goes on where it stopped. A log smaller than the offset was rotated (copied
     * away and truncated by the supervisor) and is read from its start.
     */
    private static final class LogScan {
        private final Path log;
        private long offset;
        /** The unfinished last line, completed by the next read. */
        private final StringBuilder partial = new StringBuilder();

        LogScan(Path log, long offset) {
            this.log = log;
            this.offset = offset;
        }

        boolean readyLineSoFar() throws IOException {
            long size = logSize(log);
            if (size < offset) {
                offset = 0;
                partial.setLength(0);
            }
            if (size == offset) {
                return false;
            }
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                f.seek(offset);
                byte[] chunk = new byte[64 * 1024];
                while (offset < size) {
                    int n = f.read(chunk, 0, (int) Math.min(chunk.length, size - offset));
                    if (n <= 0) {
                        break;
                    }
                    offset += n;
                    partial.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
                    int end;
                    while ((end = partial.indexOf("\n")) >= 0) {
                        String line = partial.substring(0, end);
                        partial.delete(0, end + 1);
                        if (line.startsWith(GuestSystem.READY_MARKER)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /** Whether the VM's booted runner says how its guest reports ready (runners of jmicrovm do). */
    public static boolean judged(org.jmicrovm.state.VmDirectory vm) {
        return vm.bootedTarget().map(b -> new org.jmicrovm.supervise.RunnerScripts(b).reportsReadiness()).orElse(false);
    }
}
