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
        long offset = fromOffset;
        StringBuilder tail = new StringBuilder();
        Path log = runtime.consoleLog();
        while (true) {
            long size = logSize(log);
            if (size < offset) {
                offset = 0; // rotated
                tail.setLength(0);
            }
            if (size > offset) {
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    f.seek(offset);
                    byte[] chunk = new byte[(int) Math.min(size - offset, 1 << 20)];
                    f.readFully(chunk);
                    offset += chunk.length;
                    tail.append(new String(chunk, StandardCharsets.ISO_8859_1));
                }
                if (containsReadyLine(tail)) {
                    return Outcome.READY;
                }
                // keep only the unfinished last line
                int lastNewline = tail.lastIndexOf("\n");
                if (lastNewline >= 0) {
                    tail.delete(0, lastNewline + 1);
                }
            }
            if (!runtime.isRunning()) {
                return Outcome.STOPPED;
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
     * began ({@link VmRuntime#bootLogOffset()}; the whole log if it was rotated since).
     */
    public static boolean readyInRunningBoot(VmRuntime runtime) throws IOException {
        // callers check reportsReadiness() of the booted runner first: a guest that never prints the line
        // (a runner made by microvm.nix) would look stuck forever
        Path log = runtime.consoleLog();
        long size = logSize(log);
        long offset = runtime.bootLogOffset();
        if (offset > size) {
            offset = 0;
        }
        try (var raw = Files.newInputStream(log);
             var in = new java.io.BufferedReader(new java.io.InputStreamReader(raw, StandardCharsets.ISO_8859_1), 1 << 16)) {
            raw.skipNBytes(offset);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(GuestSystem.READY_MARKER)) {
                    return true;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        return false;
    }

    /** Whether the VM's booted runner says how its guest reports ready (runners of jmicrovm do). */
    public static boolean judged(org.jmicrovm.state.VmDirectory vm) {
        return vm.bootedTarget().map(b -> new org.jmicrovm.supervise.RunnerScripts(b).reportsReadiness()).orElse(false);
    }

    private static boolean containsReadyLine(CharSequence text) {
        String s = text.toString();
        int i = s.indexOf(GuestSystem.READY_MARKER);
        while (i >= 0) {
            if ((i == 0 || s.charAt(i - 1) == '\n' || s.charAt(i - 1) == '\r')
                    && s.indexOf('\n', i) >= 0) {
                return true;
            }
            i = s.indexOf(GuestSystem.READY_MARKER, i + 1);
        }
        return false;
    }
}
