package org.jmicrovm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jmicrovm.build.runner.Accelerator;

/** Collects the benchmark's lines and prints them at the end, apart from the progress on stderr. */
final class Report {
    private final List<String> lines = new ArrayList<>();

    void line(String s) {
        lines.add(s);
    }

    void machine(Accelerator accel) {
        line("Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memTotal() + " RAM, Linux " + System.getProperty("os.version"));
        line("Accelerator: " + accel.kind() + " (" + accel.reason() + ")");
        line("qemu: " + firstLine("qemu-system-x86_64", "--version") + "; Java " + Runtime.version());
        line("Load average at start: " + firstLine("cat", "/proc/loadavg"));
    }

    void boot(String label, List<TimedBoot> boots, Duration reference) {
        durations(label, boots.stream().map(TimedBoot::readyAfter).toList(), reference);
    }

    void durations(String label, List<Duration> values, Duration reference) {
        Duration median = BootBench.median(values);
        String ratio = reference == null ? "" : String.format(Locale.ROOT, "   ratio %.2fx",
                median.toNanos() / (double) reference.toNanos());
        line(String.format(Locale.ROOT, "  %-86s median %s (min %s, max %s)%s", label, BootBench.secs(median),
                BootBench.secs(values.stream().min(Comparator.naturalOrder()).orElseThrow()),
                BootBench.secs(values.stream().max(Comparator.naturalOrder()).orElseThrow()), ratio));
    }

    void rss(String label, List<TimedBoot> boots) {
        List<Long> sorted = boots.stream().map(TimedBoot::rssKiB).sorted().toList();
        line(String.format(Locale.ROOT, "  %-22s %6.1f MiB", label, sorted.get(sorted.size() / 2) / 1024.0));
    }

    void print() {
        line("");
        line("Load average at end: " + firstLine("cat", "/proc/loadavg"));
        System.out.println();
        lines.forEach(System.out::println);
        System.out.flush();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                    .findFirst().orElse("? GiB");
        } catch (IOException e) {
            return "? GiB";
        }
    }

    private static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
