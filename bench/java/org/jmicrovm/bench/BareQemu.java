package org.jmicrovm.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.jmicrovm.build.initrd.CpioWriter;

/**
 * The reference a boot of ours is compared with: qemu started by hand with the same kernel, the
 * same machine, accelerator, CPU, memory and kernel console parameters as our runner, but no
 * devices and an initrd holding only busybox and an {@code /init} that prints a line at once.
 * What ours takes beyond it is jmicrovm's overhead: the runner script, devices, the modules stage 1
 * loads, the store mount and the guest system's activation.
 */
final class BareQemu {
    static final String READY = "BARE-READY";

    private BareQemu() {}

    /** The options of our generated {@code bin/microvm-run}, flag → values, as the shell would see them. */
    static Map<String, List<String>> runnerOptions(Path microvmRun) throws IOException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(microvmRun)) {
            String line = raw.strip();
            if (line.endsWith("\\")) {
                line = line.substring(0, line.length() - 1).strip();
            }
            if (!line.startsWith("-") || !line.contains(" ")) {
                continue;
            }
            String flag = line.substring(0, line.indexOf(' '));
            String value = unquote(line.substring(line.indexOf(' ') + 1).strip());
            options.computeIfAbsent(flag, k -> new ArrayList<>()).add(value);
        }
        return options;
    }

    /** The qemu binary the runner execs (the first absolute path ending in qemu-system-*). */
    static String qemuBinary(Path microvmRun) throws IOException {
        return Files.readAllLines(microvmRun).stream().map(String::strip)
                .map(l -> l.endsWith("\\") ? l.substring(0, l.length() - 1).strip() : l)
                .filter(l -> l.startsWith("/") && l.contains("qemu-system-"))
                .findFirst().orElseThrow(() -> new IOException("no qemu binary in " + microvmRun));
    }

    private static String unquote(String word) throws IOException {
        if (word.length() >= 2 && word.startsWith("'") && word.endsWith("'")) {
            return word.substring(1, word.length() - 1).replace("'\\''", "'");
        }
        if (word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")) {
            // a word with run-time expansions (the kernel command line's tsc_early_khz): let the shell expand
            // it as microvm-run does
            Process p = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + word).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (p.waitFor() != 0) throw new IOException("cannot expand " + word + ": " + out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return out;
        }
        return word;
    }

    /** Writes the minimal initrd: busybox, {@code /dev/console}, and an init that says it is up. */
    static void writeInitrd(Path target, Path busybox) throws IOException {
        String init = "#!/bin/busybox sh\n/bin/busybox echo " + READY + "\nexec /bin/busybox sleep 3600\n";
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target));
             GZIPOutputStream gz = new GZIPOutputStream(file);
             CpioWriter cpio = new CpioWriter(gz)) {
            cpio.directory("bin", 0755);
            cpio.directory("dev", 0755);
            cpio.charDevice("dev/console", 0600, 5, 1);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            cpio.file("init", 0755, init.getBytes(StandardCharsets.UTF_8));
            cpio.finish();
        }
    }

    /**
     * The hand-written command: our runner's machine, accelerator, CPU, vCPUs, memory and kernel
     * command line (without {@code init=}, which points into our store), the same kernel image.
     */
    static List<String> command(Path microvmRun, Path initrd) throws IOException {
        Map<String, List<String>> o = runnerOptions(microvmRun);
        String append = Arrays.stream(one(o, "-append").split(" "))
                .filter(p -> !p.startsWith("init=")).collect(Collectors.joining(" "));
        List<String> cmd = new ArrayList<>(List.of(qemuBinary(microvmRun),
                "-M", one(o, "-M"), "-m", one(o, "-m"), "-smp", one(o, "-smp"),
                "-accel", one(o, "-accel"), "-cpu", one(o, "-cpu"),
                "-nodefaults", "-no-user-config", "-no-reboot", "-nographic", "-serial", "stdio",
                "-kernel", one(o, "-kernel"), "-initrd", initrd.toString(), "-append", append));
        // a memory-backend machine option needs its object (virtiofs wants shared memory)
        if (one(o, "-M").contains("memory-backend=")) {
            cmd.add("-object");
            cmd.add(o.getOrDefault("-object", List.of()).stream().filter(v -> v.startsWith("memory-backend"))
                    .findFirst().orElseThrow(() -> new IOException("the runner's memory backend object is missing")));
        }
        return cmd;
    }

    private static String one(Map<String, List<String>> options, String flag) throws IOException {
        List<String> values = options.get(flag);
        if (values == null || values.isEmpty()) {
            throw new IOException("the runner has no " + flag);
        }
        return values.getFirst();
    }
}
