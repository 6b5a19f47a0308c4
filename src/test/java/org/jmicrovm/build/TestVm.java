package org.jmicrovm.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import org.jmicrovm.build.runner.Accelerator;
import org.jmicrovm.build.runner.AcceleratorProbe;
import org.jmicrovm.build.runner.HostTools;
import org.jmicrovm.store.StorePath;

/**
 * Starts a built VM through its generated runner for the boot tests (TCG here, as the accelerator
 * probe decides) and collects its console so tests can wait for lines.
 */
public final class TestVm implements AutoCloseable {
    private final Process qemu;
    private final List<Process> helpers;
    private final StringBuffer console = new StringBuffer();
    private final StorePath runner;
    private final Path stateDir;

    private TestVm(Process qemu, List<Process> helpers, StorePath runner, Path stateDir) {
        this.qemu = qemu;
        this.helpers = helpers;
        this.runner = runner;
        this.stateDir = stateDir;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    console.append(line).append('\n');
                    if (System.getenv("JMICROVM_TEST_CONSOLE") != null) {
                        System.err.println("[guest] " + line);
                    }
                }
            } catch (IOException e) {
                // qemu went away
            }
        });
    }

    /**
     * Builds the VM's runner into the store and starts it as a host would: {@code virtiofsd-run} and
     * {@code tap-up} first when the runner has them, then {@code microvm-run}, all with {@code stateDir}
     * as the working directory (and inside {@code netns} when given).
     */
    public static TestVm boot(BuiltMicroVm vm, Path stateDir, Optional<String> netns) throws IOException {
        Files.createDirectories(stateDir);
        Map<String, String> env = System.getenv();
        Accelerator accel = AcceleratorProbe.ofThisHost().resolve(Accelerator.Choice.fromEnvironment(env), vm.spec());
        StorePath runner = RunnerBuild.build(TestPackages.store(), vm, HostTools.detect(env), accel,
                Optional.empty(), "kvm");
        List<Process> helpers = new ArrayList<>();
        List<String> prefix = netns.map(ns -> List.of("ip", "netns", "exec", ns)).orElse(List.of());
        Path virtiofsdRun = runner.resolve("bin/virtiofsd-run");
        if (Files.exists(virtiofsdRun)) {
            helpers.add(new ProcessBuilder(virtiofsdRun.toString()).directory(stateDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(stateDir.resolve("virtiofsd.log").toFile()).start());
            try (var tags = Files.list(runner.resolve("share/microvm/virtiofs"))) {
                for (Path tag : tags.toList()) {
                    waitFor(stateDir.resolve(Files.readString(tag.resolve("socket")).strip()), Duration.ofSeconds(10));
                }
            }
        }
        Path tapUp = runner.resolve("bin/tap-up");
        if (Files.exists(tapUp)) {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.add(tapUp.toString());
            Exec.check(stateDir, cmd);
        }
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(runner.resolve("bin/microvm-run").toString());
        Process qemu = new ProcessBuilder(cmd).directory(stateDir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new TestVm(qemu, helpers, runner, stateDir);
    }

    private static void waitFor(Path file, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                throw new IOException(file + " did not appear");
            }
            sleep(20);
        }
    }

    public String console() {
        return console.toString();
    }

    /** Waits until the console shows a line matching {@code regex}; returns the match. */
    public Matcher await(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(console);
            if (m.find()) {
                return m;
            }
            if (!qemu.isAlive() && !p.matcher(console).find()) {
                sleep(100); // let the reader drain the last lines
                Matcher last = p.matcher(console);
                if (last.find()) {
                    return last;
                }
                throw new AssertionError("qemu exited (" + qemu.exitValue() + ") before /" + regex + "/:\n" + console);
            }
            sleep(20);
        }
        throw new AssertionError("no /" + regex + "/ within " + timeout + ":\n" + console);
    }

    public StorePath runner() {
        return runner;
    }

    /** Runs the runner's {@code bin/microvm-shutdown}; returns its exit status. */
    public int shutdown() throws IOException {
        return Exec.run(stateDir, List.of(runner.resolve("bin/microvm-shutdown").toString())).exitCode();
    }

    /** Waits for qemu to exit; returns its status, or empty on timeout. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.of(qemu.exitValue());
        }
        return Optional.empty();
    }

    public OutputStream stdin() {
        return qemu.getOutputStream();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (qemu.isAlive()) {
            qemu.destroyForcibly();
        }
        for (Process h : helpers) {
            h.destroy();
        }
        try {
            qemu.waitFor(5, TimeUnit.SECONDS);
            for (Process h : helpers) {
                h.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
