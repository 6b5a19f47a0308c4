package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.HostBridges;

/**
 * A network namespace standing in for the host's network in the VM tests of {@code microvm.host.bridges}: the
 * commands run inside it (in JVMs of their own), so bridges, taps, NAT and DHCP servers are made there and the
 * host's own interfaces are never touched. Closing it stops the VMs and the bridges' DHCP servers (which would
 * outlive the namespace) and deletes the namespace.
 */
final class NamespacedHost implements AutoCloseable {

    final String ns;
    final StateDirectory state;
    private final Path logs;

    private NamespacedHost(String ns, StateDirectory state, Path logs) {
        this.ns = ns;
        this.state = state;
        this.logs = logs;
    }

    /** A new namespace with its loopback up, as on a host; the test is skipped where that cannot be made. */
    static NamespacedHost create(String prefix, StateDirectory state, Path logs) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for ip netns");
        String ns = prefix + ProcessHandle.current().pid();
        assumeTrue(run("ip", "netns", "add", ns).startsWith("0:"), "ip netns add failed");
        NamespacedHost host = new NamespacedHost(ns, state, logs);
        assertThat(run("ip", "-n", ns, "link", "set", "lo", "up")).startsWith("0:");
        return host;
    }

    /** A command's exit status and output, as {@code STATUS:OUTPUT}. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() + ":" + out;
    }

    /** {@code command} inside the namespace, as {@link #run}. */
    String exec(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        argv.addAll(List.of(command));
        return run(argv.toArray(String[]::new));
    }

    /** {@code microvm-host VERB -c HOST} inside the namespace; its output, after success. */
    String microvmHost(String verb, Path hostFile) throws Exception {
        return java(MicrovmHostCommand.class, verb, verb, "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
    }

    /** {@code microvm ARGS} inside the namespace; its output, after success. */
    String microvm(String logName, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("--state-dir=" + state.root());
        return java(MicrovmCommand.class, logName, argv.toArray(String[]::new));
    }

    /** {@code main}'s command with {@code args} inside the namespace, in a JVM of its own; its output, after success. */
    String java(Class<?> main, String logName, String... args) throws Exception {
        Path log = logs.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                ProcessHandle.current().info().command().orElse("java"), "-Xss16m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    /**
     * The namespaces a test makes, closed after it, as a field:
     * {@code @RegisterExtension final NamespacedHost.Scope hosts = new NamespacedHost.Scope();}
     */
    static final class Scope implements org.junit.jupiter.api.extension.AfterEachCallback {
        private final List<NamespacedHost> made = new ArrayList<>();

        NamespacedHost create(String prefix, StateDirectory state, Path logs) throws Exception {
            NamespacedHost host = NamespacedHost.create(prefix, state, logs);
            made.add(host);
            return host;
        }

        @Override
        public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
            for (NamespacedHost host : made) {
                host.close();
            }
            made.clear();
        }
    }

    @Override
    public void close() throws Exception {
        CliRun.stopAll(state, Duration.ofSeconds(20));
        new HostBridges(List.of(), state, line -> { }).ensure(List.of());
        run("ip", "netns", "delete", ns);
    }
}
