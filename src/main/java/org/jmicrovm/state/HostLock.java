package org.jmicrovm.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One lock for the whole host, held by {@code switch} from its first build to its last link
 * and by {@code gc}: a garbage collection never removes a path a switch has just built but
 * not yet linked.
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

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
