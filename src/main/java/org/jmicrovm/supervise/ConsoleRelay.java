package org.jmicrovm.supervise;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Copies bytes both ways between a user and a console socket until the user types the detach
 * character (Ctrl-], as telnet and {@code virsh console}), the user's input ends, or the console
 * closes (the VM stopped). Detaching only closes our connection: the guest's shell keeps running and
 * the next attach finds it again.
 *
 * <p>When the input is a pipe that ends, the relay keeps printing what the guest answers until the
 * console has been silent for {@code linger}, so that {@code echo cmd | microvm console NAME} shows
 * the command's output.
 */
public final class ConsoleRelay {

    /** Ctrl-]. */
    public static final int DETACH = 0x1d;

    /** Why a session ended. */
    public enum End { DETACHED, INPUT_ENDED, CONSOLE_CLOSED }

    private final ByteChannel console;
    private final InputStream in;
    private final OutputStream out;
    private final Duration linger;
    private volatile long lastActivity = System.nanoTime();

    public ConsoleRelay(ByteChannel console, InputStream in, OutputStream out, Duration linger) {
        this.console = console;
        this.in = in;
        this.out = out;
        this.linger = linger;
    }

    /** Relays until the session ends; closes the console connection (not the user's streams). */
    public End run() throws IOException {
        var ended = new CompletableFuture<End>();
        Thread fromGuest = Thread.ofPlatform().name("console-output").daemon().start(() -> copyOutput(ended));
        // Reading the user's input blocks in a way nothing can interrupt: that thread may outlive the session.
        Thread.ofPlatform().name("console-input").daemon().start(() -> copyInput(ended));
        try {
            return ended.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return End.DETACHED;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            console.close();
            try {
                fromGuest.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
        }
    }

    private void copyOutput(CompletableFuture<End> ended) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (true) {
                buffer.clear();
                int n = console.read(buffer);
                if (n < 0) {
                    ended.complete(End.CONSOLE_CLOSED);
                    return;
                }
                lastActivity = System.nanoTime();
                synchronized (out) {
                    out.write(buffer.array(), 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // closed by run() after the session ended, or the hypervisor went away
            ended.complete(End.CONSOLE_CLOSED);
        }
    }

    private void copyInput(CompletableFuture<End> ended) {
        byte[] buffer = new byte[4096];
        try {
            while (!ended.isDone()) {
                int n = in.read(buffer);
                if (n < 0) {
                    lastActivity = System.nanoTime();
                    awaitSilence(ended);
                    ended.complete(End.INPUT_ENDED);
                    return;
                }
                int detach = indexOf(buffer, n, DETACH);
                int upTo = detach < 0 ? n : detach;
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, upTo);
                while (chunk.hasRemaining()) {
                    console.write(chunk);
                }
                lastActivity = System.nanoTime();
                if (detach >= 0) {
                    ended.complete(End.DETACHED);
                    return;
                }
            }
        } catch (IOException e) {
            if (!ended.isDone()) {
                ended.completeExceptionally(e);
            }
        }
    }

    private void awaitSilence(CompletableFuture<End> ended) {
        while (!ended.isDone() && System.nanoTime() - lastActivity < linger.toNanos()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int indexOf(byte[] bytes, int length, int value) {
        for (int i = 0; i < length; i++) {
            if ((bytes[i] & 0xff) == value) {
                return i;
            }
        }
        return -1;
    }
}
