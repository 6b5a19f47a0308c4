package org.jmicrovm.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Locks for the whole host. {@link #acquire}: held by {@code switch} from its first build to its last link
 * and by {@code gc}: a garbage collection never removes a path a switch has just built but
 * not yet linked. {@link #network}: held while the host's bridges and their DHCP servers are made, by a
 * switch and by each VM's start, which may run at the same moment.
 */
public final class HostLock implements AutoCloseable {

    private final FileLock lock;

    private HostLock(FileLock lock) {
        this.lock = lock;
    }

    public static HostLock acquire(StateDirectory state, Duration timeout, Consumer<String> waiting) throws IOException {
        Path file = state.bookkeeping().resolve("host.lock");
        return new HostLock(FileLock.acquire(file, timeout, waiting,
                "waiting for another microvm-host switch or gc to finish ...",
                "another microvm-host switch or gc is running (lock " + file + ")"));
    }

    public static HostLock network(StateDirectory state, Duration timeout, Consumer<String> waiting)
            throws IOException {
        Path file = state.bookkeeping().resolve("network.lock");
        return new HostLock(FileLock.acquire(file, timeout, waiting,
                "waiting for another jmicrovm command setting up the host's bridges ...",
                "another jmicrovm command is setting up the host's bridges (lock " + file + ")"));
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
