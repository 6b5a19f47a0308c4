package org.jmicrovm.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console relay and the socket lookup against a real UNIX socket standing in for qemu's. */
class ConsoleRelayTest {

    @TempDir
    Path tmp;

    /** A listening socket that echoes what it reads in upper case, as a stand-in guest. */
    record FakeGuest(ServerSocketChannel server, CompletableFuture<String> received) {
        static FakeGuest listen(Path path) throws IOException {
            var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            var received = new CompletableFuture<String>();
            Thread.ofPlatform().daemon().start(() -> {
                var all = new StringBuilder();
                try (SocketChannel c = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocate(1024);
                    while (c.read(b) >= 0) {
                        b.flip();
                        String s = StandardCharsets.UTF_8.decode(b).toString();
                        all.append(s);
                        c.write(StandardCharsets.UTF_8.encode(s.toUpperCase()));
                        b.clear();
                    }
                } catch (IOException e) {
                    // the client went away
                }
                received.complete(all.toString());
            });
            return new FakeGuest(server, received);
        }
    }

    @Test
    void ctrlRightBracketDetachesAfterSendingWhatCameBeforeIt() throws Exception {
        Path socket = tmp.resolve("console.sock");
        FakeGuest guest = FakeGuest.listen(socket);
        var out = new ByteArrayOutputStream();
        var keys = new PipedOutputStream();
        var in = new PipedInputStream(keys);
        var session = CompletableFuture.supplyAsync(() -> {
            try {
                return new ConsoleRelay(VmConsole.connect(socket), in, out, Duration.ofSeconds(5)).run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        keys.write("ls\n".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains("LS\n")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        keys.write(new byte[] {'p', 'w', 'd', ConsoleRelay.DETACH, 'n', 'o'});
        keys.flush();
        assertThat(session.get()).isEqualTo(ConsoleRelay.End.DETACHED);
        // the guest saw everything up to the detach character, and nothing after it
        assertThat(guest.received().get()).isEqualTo("ls\npwd");
    }

    @Test
    void endOfInputWaitsForTheGuestToFallSilent() throws Exception {
        Path socket = tmp.resolve("console.sock");
        FakeGuest guest = FakeGuest.listen(socket);
        var out = new ByteArrayOutputStream();
        var in = new ByteArrayInputStream("echo hi\n".getBytes(StandardCharsets.UTF_8));
        var end = new ConsoleRelay(VmConsole.connect(socket), in, out, Duration.ofMillis(300)).run();
        assertThat(end).isEqualTo(ConsoleRelay.End.INPUT_ENDED);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ECHO HI\n");
        assertThat(guest.received().get()).isEqualTo("echo hi\n");
    }

    @Test
    void aClosedConsoleEndsTheSession() throws Exception {
        Path socket = tmp.resolve("console.sock");
        var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().start(() -> {
            try (SocketChannel c = server.accept()) {
                c.write(StandardCharsets.UTF_8.encode("reboot: Power down\r\n"));
            } catch (IOException e) {
                // nothing to do
            }
        });
        var out = new ByteArrayOutputStream();
        var neverTyped = new PipedInputStream(new PipedOutputStream());
        var end = new ConsoleRelay(VmConsole.connect(socket), neverTyped, out, Duration.ofSeconds(1)).run();
        assertThat(end).isEqualTo(ConsoleRelay.End.CONSOLE_CLOSED);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("reboot: Power down\r\n");
    }

    @Test
    void aSocketPathTooLongForSunPathIsReachedThroughAShortLink() throws Exception {
        Path deep = tmp;
        while (deep.toString().length() < 120) {
            deep = deep.resolve("a-rather-long-directory-name");
        }
        Files.createDirectories(deep);
        Path socket = deep.resolve("console.sock");
        // bind through a short link too: the server has the same limit
        Path shortLink = Files.createSymbolicLink(Path.of("/tmp").resolve("jmvc-test-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime()), deep);
        try {
            FakeGuest guest = FakeGuest.listen(shortLink.resolve("console.sock"));
            var out = new ByteArrayOutputStream();
            var end = new ConsoleRelay(VmConsole.connect(socket),
                    new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), out, Duration.ofMillis(200)).run();
            assertThat(end).isEqualTo(ConsoleRelay.End.INPUT_ENDED);
            assertThat(guest.received().get()).isEqualTo("x");
        } finally {
            Files.delete(shortLink);
        }
    }

    @Test
    void onlyARunningVmWithAConsoleSocketHasAConsole() throws Exception {
        VmDirectory vm = new StateDirectory(tmp.resolve("state")).vm(new VmName("vm1"));
        Files.createDirectories(vm.path());
        var runtime = new VmRuntime(vm, l -> {});
        assertThat(VmConsole.locate(vm, runtime)).isInstanceOf(VmConsole.Target.NotRunning.class);

        // pretend this JVM is the VM's hypervisor, booted from a firecracker runner
        Path runner = tmp.resolve("runner");
        Files.createDirectories(runner.resolve("share/microvm"));
        Files.writeString(runner.resolve("share/microvm/hypervisor"), "firecracker\n");
        Files.createDirectories(runtime.runtimeDir());
        ProcessRecord.of(ProcessHandle.current()).write(runtime.hypervisorRecord());
        Files.createSymbolicLink(vm.booted(), runner);
        var target = VmConsole.locate(vm, runtime);
        assertThat(target).isInstanceOfSatisfying(VmConsole.Target.Unavailable.class, u -> {
            assertThat(u.unsupported()).isTrue();
            assertThat(u.reason()).startsWith("not supported by jmicrovm for firecracker:");
        });

        Files.writeString(runner.resolve("share/microvm/hypervisor"), "qemu\n");
        assertThat(VmConsole.locate(vm, runtime)).isInstanceOfSatisfying(VmConsole.Target.Unavailable.class,
                u -> assertThat(u.reason()).contains("microvm.qemu.consoleSocket = false"));

        Files.writeString(runner.resolve("share/microvm/console-socket"), "console.sock\n");
        assertThat(VmConsole.locate(vm, runtime)).isEqualTo(new VmConsole.Target.Socket(vm.path().resolve("console.sock")));
    }
}
