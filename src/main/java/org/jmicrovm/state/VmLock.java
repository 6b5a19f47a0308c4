package org.jmicrovm.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An exclusive lock on one VM, held by {@code switch}, {@code microvm -c/-u} and the
 * supervisor while they change the VM's directory, so that they never interleave.
 */
public final class VmLock implements AutoCloseable {

    private final FileLock lock;

    private VmLock(FileLock lock) {
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code timeout}; {@code waiting} is told once if it is busy. */
    public static VmLock acquire(StateDirectory state, VmName name, Duration timeout, Consumer<String> waiting)
            throws IOException {
        Path file = state.lockFile(name);
        return new VmLock(FileLock.acquire(file, timeout, waiting,
                "waiting for another jmicrovm command working on VM " + name + " ...",
                "VM " + name + " is locked by another jmicrovm command (lock file " + file
                        + "); try again when it has finished"));
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
