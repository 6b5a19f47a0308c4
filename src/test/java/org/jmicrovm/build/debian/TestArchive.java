package org.jmicrovm.build.debian;

import java.nio.file.Path;

/** Where archive tests keep verified indexes across runs (content-addressed, so sharing is safe). */
final class TestArchive {
    private TestArchive() {}

    static Path indexCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmicrovm-test-indexes");
    }
}
