package org.jmicrovm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One boot, timed from the moment the command is started to the moment its console prints the
 * ready line; the console is read through a pipe, so the time is what a person watching it sees.
 *
 * @param readyAfter time from process start to the ready line
 * @param cpu        CPU time the hypervisor used until then (all its threads): under TCG the guest's
 *                   work, and much less disturbed than wall time by other load on the machine
 * @param rssKiB     the hypervisor's resident set right after the ready line
 * @param console    everything printed up to then
 */
record TimedBoot(Duration readyAfter, Duration cpu, long rssKiB, String console) {

    /** A booted VM still running: read its numbers, then stop it. */
    static final class Running implements AutoCloseable {
        final Process process;
        final TimedBoot boot;

        Running(Process process, TimedBoot boot) {
            this.process = process;
            this.boot = boot;
        }

        /** Waits up to {@code timeout} for the hypervisor to exit by itself; true if it did. */
        boolean awaitExit(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Starts {@code command} in {@code dir} and waits for a console line matching {@code ready}.
     * The process is the hypervisor itself ({@code microvm-run} execs qemu), so its pid is qemu's.
     */
    static Running start(List<String> command, Path dir, String ready, Duration timeout)
            throws IOException, InterruptedException {
        Pattern marker = Pattern.compile(ready);
        StringBuilder console = new StringBuilder();
        CompletableFuture<Long> seen = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    long now = System.nanoTime();
                    synchronized (console) {
                        console.append(line).append('\n');
                    }
                    if (!seen.isDone() && marker.matcher(line).find()) {
                        seen.complete(now);
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
            seen.completeExceptionally(new IOException("console closed before /" + ready + "/"));
        });
        long at;
        try {
            at = seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            String text;
            synchronized (console) {
                text = console.toString();
            }
            throw new IOException("no /" + ready + "/ within " + timeout + " from " + command.getFirst() + ":\n" + text, e);
        }
        Duration cpu = cpuTime(p.pid());
        long rss = rssKiB(p.pid());
        String text;
        synchronized (console) {
            text = console.toString();
        }
        return new Running(p, new TimedBoot(Duration.ofNanos(at - t0), cpu, rss, text));
    }

    /** User and system time of a process (fields 14 and 15 of its stat, in clock ticks of 10 ms). */
    static Duration cpuTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Duration.ofMillis(ticks * 10);
    }

    /** {@code VmRSS} of a process, in KiB. */
    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }
}
