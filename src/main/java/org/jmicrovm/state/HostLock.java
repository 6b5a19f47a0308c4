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
 * One lock for the whole host, held by {@code switch} from its first build to its last link
 * and by {@code gc}: a garbage collection never removes a path a switch has just built but
 * not yet linked. An OS file lock, so it dies with its process.
 */
public final class HostLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static HostLock acquire(StateDirectory state, Duration timeout, Consumer<String> waiting) throws IOException {
        Path file = state.bookkeeping().resolve("host.lock");
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
                    lock = null;
                }
                if (lock != null) {
                    return new HostLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("another microvm-host switch or gc is running (lock " + file + ")");
                }
                if (!told) {
                    waiting.accept("waiting for another microvm-host switch or gc to finish ...");
                    told = true;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the host lock", e);
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
