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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.VmRuntime;

/**
 * The README's first command: builds the example VM ({@link DemoVm}), installs it into a state
 * directory, boots it as the host would, waits for its ready line, fetches the page its web server
 * answers through the forwarded port, and stops it gracefully.
 */
public final class Demo {

    /**
     * What the demo saw.
     *
     * @param page    the body the guest's web server answered
     * @param url     where it was fetched
     * @param built   how long the build took (cold on the first run, a hash check afterwards)
     * @param booted  from starting the VM to its ready line
     * @param stopped how the VM ended, as {@link VmRuntime#stop} says
     * @param vm      the VM's directory (console.log is there)
     */
    public record Result(String page, URI url, Duration built, Duration booted, String stopped, VmDirectory vm) {}

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

    public Result run(int hostPort) throws IOException, InterruptedException {
        requireFree(hostPort);
        VmName name = new VmName(DemoVm.NAME);
        try (VmLock lock = VmLock.acquire(state, name, Duration.ofSeconds(10), progress)) {
            long t0 = System.nanoTime();
            progress.accept("building VM " + name.value() + " (guest system, kernel, initrd, runner)");
            VmBuilds.Built built = builds.build(DemoVm.spec(hostPort));
            Duration buildTime = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept("built " + built.runner() + " in " + millis(buildTime) + " (" + built.accelerator().kind()
                    + ": " + built.accelerator().reason() + ")");

            VmDirectory vm = state.vm(name);
            Installer installer = new Installer(state);
            if (vm.exists()) {
                installer.setCurrent(name, built.runner().path(), Optional.of(built.toplevel().path()));
            } else {
                installer.create(name, built.runner().path(), Optional.of(built.toplevel().path()), Optional.empty());
            }
            VmRuntime runtime = new VmRuntime(vm, progress);
            if (runtime.isRunning()) {
                throw new IOException("VM " + name.value() + " is already running in " + vm.path()
                        + "; stop it first (or use another --state-dir)");
            }
            progress.accept("starting VM " + name.value() + " in " + vm.path());
            t0 = System.nanoTime();
            runtime.start();
            try {
                awaitReady(runtime, name);
                Duration bootTime = Duration.ofNanos(System.nanoTime() - t0);
                progress.accept("VM " + name.value() + " is ready after " + millis(bootTime));
                URI url = URI.create("http://127.0.0.1:" + hostPort + "/");
                String page = fetch(url);
                progress.accept("stopping VM " + name.value());
                String stopped = runtime.stop(STOP_TIMEOUT);
                return new Result(page, url, buildTime, bootTime, stopped, vm);
            } finally {
                if (runtime.isRunning()) {
                    runtime.stop(STOP_TIMEOUT);
                }
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
