package org.jmicrovm.supervise;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jmicrovm.state.VmDirectory;

/**
 * Where {@code microvm console} attaches: the interactive console socket that the runner the VM
 * booted from declares ({@code share/microvm/console-socket}), in the VM's directory. The
 * hypervisor listens there itself, so attaching needs neither the supervisor nor a restart.
 */
public final class VmConsole {

    /** Linux's {@code sun_path} holds 108 bytes with the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    /** The hypervisor creates the socket as it starts: a console asked for right after a start waits for it. */
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(10);

    private VmConsole() {}

    /** What a console request finds. */
    public sealed interface Target {
        /** The socket to connect to. */
        record Socket(Path path) implements Target {}

        /** The VM does not run: there is nothing to attach to. */
        record NotRunning() implements Target {}

        /** The runner has no console socket; {@code reason} says why and what to do instead. */
        record Unavailable(String reason, boolean unsupported) implements Target {}
    }

    public static Target locate(VmDirectory vm, VmRuntime runtime) {
        if (!runtime.isRunning()) {
            return new Target.NotRunning();
        }
        Optional<Path> booted = vm.bootedTarget();
        if (booted.isEmpty()) {
            return new Target.Unavailable("MicroVM " + vm.name() + " runs without a booted link; restart it with: microvm restart "
                    + vm.name(), false);
        }
        RunnerScripts runner = new RunnerScripts(booted.get());
        Optional<String> socket = runner.consoleSocket();
        if (socket.isPresent()) {
            return new Target.Socket(vm.path().resolve(socket.get()));
        }
        String hypervisor = runner.hypervisor().orElse("an unknown hypervisor");
        if (!hypervisor.equals("qemu")) {
            return new Target.Unavailable("not supported by jmicrovm for " + hypervisor + ": its runner puts the guest's"
                    + " console on the hypervisor's standard input and output, which go to the console log; follow it with"
                    + " `microvm logs -f " + vm.name() + "`", true);
        }
        return new Target.Unavailable("the runner MicroVM " + vm.name() + " booted from has no console socket"
                + " (microvm.qemu.consoleSocket = false, or built by an older jmicrovm); follow the serial console with"
                + " `microvm logs -f " + vm.name() + "`, or enable the option and restart the VM", false);
    }

    /**
     * Connects to a console socket, waiting a little for a hypervisor that is still starting to
     * create it. A path too long for a UNIX socket address is reached through a short symbolic link
     * to its directory.
     */
    public static SocketChannel connect(Path socket) throws IOException {
        long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
        while (true) {
            try {
                return open(socket.toAbsolutePath());
            } catch (java.net.ConnectException | java.nio.file.NoSuchFileException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot connect to the console socket " + socket + ": " + e.getMessage(), e);
                }
                sleep(100);
            } catch (java.net.SocketException e) {
                // "No such file or directory" arrives as a plain SocketException
                if (Files.exists(socket) || System.nanoTime() > deadline) {
                    throw new IOException("cannot connect to the console socket " + socket + ": " + e.getMessage(), e);
                }
                sleep(100);
            }
        }
    }

    private static SocketChannel open(Path socket) throws IOException {
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        }
        Path shortDir = Files.createTempDirectory(Path.of("/tmp"), "jmvc");
        Path link = shortDir.resolve("d");
        try {
            Files.createSymbolicLink(link, socket.getParent());
            return SocketChannel.open(UnixDomainSocketAddress.of(link.resolve(socket.getFileName())));
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(shortDir);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
