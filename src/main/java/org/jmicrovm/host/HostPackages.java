package org.jmicrovm.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.build.pkgs.PkgsLock;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.pkgs.PackageCatalogue;
import org.jmicrovm.store.Store;

/**
 * The Debian package sets one command works with, one per Nix system, all pinned by one lock file
 * ({@value PkgsLock#FILE_NAME}, beside the host configuration). Opened on first use, so a command
 * that never names a Debian package never reads the lock, the store or the archive. The same sets
 * serve evaluation ({@link #catalogue}: {@code pkgs.<name>}) and the builds ({@link VmBuilds}), so
 * a name resolved while evaluating is the package the guest gets.
 */
public final class HostPackages {
    private final Path lockFile;
    private final Supplier<Store> store;
    private final boolean offline;
    private final Map<String, String> environment;
    private final Consumer<String> progress;
    private final Map<String, DebianPackageSet> bySystem = new LinkedHashMap<>();

    public HostPackages(Path lockFile, Supplier<Store> store, boolean offline, Map<String, String> environment,
                        Consumer<String> progress) {
        this.lockFile = lockFile.toAbsolutePath().normalize();
        this.store = store;
        this.offline = offline;
        this.environment = environment;
        this.progress = progress;
    }

    /** The package sets of the host configuration {@code configFile}: its lock file lies beside it. */
    public static HostPackages beside(Path configFile, Supplier<Store> store, boolean offline,
                                      Map<String, String> environment, Consumer<String> progress) {
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        return new HostPackages(dir.resolve(PkgsLock.FILE_NAME), store, offline, environment, progress);
    }

    public Path lockFile() {
        return lockFile;
    }

    /** The store packages are unpacked into (opened now if not yet). */
    public Store store() {
        return store.get();
    }

    /** The package set of {@code system} (e.g. {@code x86_64-linux}), opened on first use. */
    public synchronized DebianPackageSet forSystem(String system) {
        DebianPackageSet set = bySystem.get(system);
        if (set == null) {
            boolean root = "root".equals(System.getProperty("user.name"));
            try {
                set = DebianPackageSet.open(store.get(), lockFile, system, offline, environment, root,
                        progress::accept);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the package lock " + lockFile + ": " + e.getMessage(), e);
            }
            bySystem.put(system, set);
        }
        return set;
    }

    /** What {@code pkgs} offers Nix code: the built-in kernels and busybox, and Debian's packages. */
    public PackageCatalogue catalogue() {
        return new DebianCatalogue(this::forSystem);
    }

    /** A module system whose {@code pkgs.<name>} are these Debian packages. */
    public ModuleSystem moduleSystem(EvalOptions options) {
        return ModuleSystem.create(options, catalogue());
    }

    /**
     * Writes the lock file if resolving added packages to it (call after a successful build, so a
     * failed one leaves the lock as it was). Packages of every system go into the one file.
     */
    public synchronized Optional<Path> saveLock() throws IOException {
        PkgsLock merged = null;
        boolean changed = false;
        for (DebianPackageSet set : bySystem.values()) {
            changed |= set.lockChanged();
            merged = merged == null ? set.lock() : merged.plus(set.lock().packages().values());
        }
        if (!changed) {
            return Optional.empty();
        }
        merged.write(lockFile);
        return Optional.of(lockFile);
    }
}
