package org.jmicrovm.build;

import java.nio.file.Path;
import java.util.Map;
import org.jmicrovm.build.debian.AptSources;
import org.jmicrovm.build.debian.ArchiveKeyring;
import org.jmicrovm.build.debian.DebianArchive;
import org.jmicrovm.build.pkgs.DebCache;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.build.pkgs.PkgsLock;
import org.jmicrovm.build.pkgs.DebianPackages;
import org.jmicrovm.build.pkgs.PackageLock;
import org.jmicrovm.build.pkgs.Progress;
import org.jmicrovm.store.Store;

/**
 * The store and deb cache tests share across runs: content addressing makes sharing safe, and
 * unpacking a kernel once instead of per test keeps the suite fast. {@code MICROVM_STORE} and
 * {@code MICROVM_DEB_CACHE} override the locations.
 */
public final class TestPackages {
    private static Store store;
    private static DebianPackages packages;
    private static DebianPackageSet packageSet;
    private static final Map<String, DebianPackages> packagesBySystem = new java.util.HashMap<>();

    private TestPackages() {}

    public static synchronized Store store() {
        if (store == null) {
            String env = System.getenv("MICROVM_STORE");
            Path root = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(System.getProperty("java.io.tmpdir"), "jmicrovm-test-store");
            store = Store.open(root);
        }
        return store;
    }

    public static synchronized DebCache debCache() {
        Map<String, String> env = System.getenv();
        return new DebCache(DebCache.defaultLocation(env, "root".equals(System.getProperty("user.name"))),
                Progress.to(System.err));
    }

    /**
     * Debian's archive as pkgs, from the host's configured mirror, with verified indexes cached in
     * the temporary directory across runs.
     */
    public static synchronized DebianPackageSet packageSet() {
        if (packageSet == null) {
            packageSet = new DebianPackageSet(store(), debCache(), "x86_64-linux", PkgsLock.empty("bookworm"),
                    () -> new DebianArchive(AptSources.forRelease(Path.of("/etc/apt"), "bookworm"), ArchiveKeyring.debian(),
                            Path.of(System.getProperty("java.io.tmpdir"), "jmicrovm-test-indexes"), false, System.err::println),
                    Progress.to(System.err));
        }
        return packageSet;
    }

    /** The built-in package set of {@code system} ({@code aarch64-linux} → arm64 kernels and busybox). */
    public static synchronized DebianPackages packages(String system) {
        if (system.equals("x86_64-linux")) {
            return packages();
        }
        return packagesBySystem.computeIfAbsent(system, s -> new DebianPackages(store(), PackageLock.builtIn(),
                debCache(), s, Progress.to(System.err)));
    }

    public static synchronized DebianPackages packages() {
        if (packages == null) {
            Map<String, String> env = System.getenv();
            DebCache cache = new DebCache(DebCache.defaultLocation(env, "root".equals(System.getProperty("user.name"))),
                    Progress.to(System.err));
            packages = new DebianPackages(store(), PackageLock.builtIn(), cache, "x86_64-linux", Progress.to(System.err));
        }
        return packages;
    }
}
