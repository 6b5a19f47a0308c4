package org.jmicrovm.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An exclusive lock on one VM, held by {@code switch}, {@code microvm -c/-u} and the
 * supervisor while they change the VM's directory, so that they never interleave. It is an
 * OS file lock: it dies with the process, so a killed command never leaves a stale lock.
 */
public final class VmLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private VmLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code timeout}; {@code waiting} is told once if the
     * lock is busy, so the command can say why it pauses.
     */
    public static VmLock acquire(StateDirectory state, VmName name, Duration timeout, Consumer<String> waiting)
            throws IOException {
        Path file = state.lockFile(name);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this very JVM (another thread)
                }
                if (lock != null) {
                    return new VmLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("VM " + name + " is locked by another jmicrovm command (lock file "
                            + file + "); try again when it has finished");
                }
                if (!told) {
                    waiting.accept("waiting for another jmicrovm command working on VM " + name + " ...");
                    told = true;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lock of VM " + name, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
