package org.jmicrovm.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jmicrovm.state.Links;

/**
 * A process the supervisor started, identified by pid <em>and</em> start time, so that a
 * new supervisor adopting it after a restart never mistakes a recycled pid for its VM.
 */
public record ProcessRecord(long pid, long startMillis) {

    public static ProcessRecord of(ProcessHandle handle) {
        long start = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new ProcessRecord(handle.pid(), start);
    }

    /** The live process this record stands for, if it still runs. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            long start = h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            // /proc start times have clock-tick resolution; allow for rounding.
            return startMillis == 0 || Math.abs(start - startMillis) < 1000;
        });
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Links.writeAtomically(file, pid + " " + startMillis + "\n");
    }

    public static Optional<ProcessRecord> read(Path file) {
        try {
            String[] fields = Files.readString(file).strip().split("\\s+");
            return Optional.of(new ProcessRecord(Long.parseLong(fields[0]),
                    fields.length > 1 ? Long.parseLong(fields[1]) : 0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
