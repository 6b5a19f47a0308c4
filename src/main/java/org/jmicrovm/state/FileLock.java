package org.jmicrovm.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An exclusive OS file lock, waited for with a timeout. It dies with its process, so a killed
 * command never leaves a stale lock. A lock held by another thread of this JVM counts as busy.
 */
final class FileLock implements AutoCloseable {

    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private FileLock(FileChannel channel, java.nio.channels.FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param waitingMessage told to {@code waiting} once, when the lock is busy
     * @param busyMessage    the error when {@code timeout} passes
     */
    static FileLock acquire(Path file, Duration timeout, Consumer<String> waiting, String waitingMessage,
                            String busyMessage) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            while (true) {
                java.nio.channels.FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new FileLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(busyMessage);
                }
                if (!told) {
                    waiting.accept(waitingMessage);
                    told = true;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + file, e);
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
