package org.jmicrovm.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.supervise.HostSettings;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.VmRuntime;

/**
 * The README's first command: switches a state directory to the example host configuration
 * (examples/host.nix: evaluation, build, install, start, exactly as {@code microvm-host switch}),
 * waits for the guest's ready line, fetches the page its web server answers through the forwarded
 * port, and stops it gracefully.
 */
public final class Demo {

    /**
     * What the demo saw.
     *
     * @param page    the body the guest's web server answered
     * @param url     where it was fetched
     * @param ready   from the start of the switch (build included, evaluation not) to the guest's ready line
     * @param stopped how the VM ended, as {@link VmRuntime#stop} says
     * @param vm      the VM's directory (console.log is there)
     */
    public record Result(String page, URI url, Duration ready, String stopped, VmDirectory vm) {}

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final StateDirectory state;
    private final VmBuilds builds;
    private final Consumer<String> progress;
    private final Duration bootTimeout;

    public Demo(StateDirectory state, VmBuilds builds, Consumer<String> progress, Duration bootTimeout) {
        this.state = state;
        this.builds = builds;
        this.progress = progress;
        this.bootTimeout = bootTimeout;
    }

    /**
     * Switches to {@code host} (one fully-declarative VM with a forwarded port to its web server,
     * as examples/host.nix declares), waits for the guest, fetches its page and stops it.
     *
     * @param hostPort a host port to forward instead of the declared one, if given
     */
    public Result run(Switch.Host host, Optional<Integer> hostPort) throws IOException, InterruptedException {
        if (host.vms().size() != 1 || !(host.vms().get(0) instanceof Switch.Declared.FullyDeclarative declared)) {
            throw new IOException("the demo expects a host configuration with exactly one fully-declarative VM");
        }
        MicroVmSpec spec = declared.spec();
        if (spec.forwardPorts().isEmpty()) {
            throw new IOException("VM " + declared.name() + " forwards no host port to its web server");
        }
        ForwardPort forward = spec.forwardPorts().get(0);
        int port = hostPort.orElse(forward.hostPort());
        if (port != forward.hostPort()) {
            spec = spec.toBuilder().forwardPorts(List.of(new ForwardPort(forward.from(), forward.proto(),
                    forward.hostAddress(), port, forward.guestAddress(), forward.guestPort()))).build();
        }
        requireFree(port);
        VmName name = declared.name();
        Switch.Host demoHost = new Switch.Host(List.of(new Switch.Declared.FullyDeclarative(name, spec, true)),
                new HostSettings(List.of(name.value()), host.settings().startupTimeoutSeconds()));

        long t0 = System.nanoTime();
        Switch.Result switched = new Switch(state, builds, progress).run(demoHost, Switch.Mode.SWITCH);
        if (!switched.ok()) {
            throw new IOException("switch failed: " + String.join("; ", switched.failures()));
        }
        VmDirectory vm = state.vm(name);
        VmRuntime runtime = new VmRuntime(vm, progress);
        try {
            awaitReady(runtime, name);
            Duration bootTime = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("VM " + name.value() + " is ready " + millis(bootTime) + " after the switch began");
            URI url = URI.create("http://127.0.0.1:" + port + "/");
            String page = fetch(url);
            progress.accept("stopping VM " + name.value());
            String stopped = runtime.stop(STOP_TIMEOUT);
            return new Result(page, url, bootTime, stopped, vm);
        } finally {
            if (runtime.isRunning()) {
                runtime.stop(STOP_TIMEOUT);
            }
        }
    }

    /** qemu would fail on a taken port only after the build, with a less helpful message. */
    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("127.0.0.1:" + port + " is in use, and the example VM forwards it to its web server;"
                    + " choose another port with --port", e);
        }
    }

    private void awaitReady(VmRuntime runtime, VmName name) throws IOException, InterruptedException {
        Pattern ready = Pattern.compile("^MICROVM-READY " + Pattern.quote(name.value()) + "$", Pattern.MULTILINE);
        long deadline = System.nanoTime() + bootTimeout.toNanos();
        while (true) {
            String console = Files.exists(runtime.consoleLog()) ? Files.readString(runtime.consoleLog()) : "";
            if (ready.matcher(console).find()) {
                return;
            }
            if (!runtime.isRunning()) {
                throw new IOException("VM " + name.value() + " exited before it was ready; its console ("
                        + runtime.consoleLog() + ") ends with:\n" + tail(console));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("VM " + name.value() + " was not ready within " + bootTimeout.toSeconds()
                        + " s; its console (" + runtime.consoleLog() + ") ends with:\n" + tail(console));
            }
            Thread.sleep(50);
        }
    }

    /** The web server starts just before the ready line; qemu's forward answers once it listens. */
    private static String fetch(URI url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + HTTP_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = new IOException(url + " answered HTTP " + response.statusCode());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new IOException("no page from " + url + " within " + HTTP_TIMEOUT.toSeconds() + " s", last);
    }

    private static String tail(String console) {
        var lines = console.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
