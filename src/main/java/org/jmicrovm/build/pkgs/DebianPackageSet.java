package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jmicrovm.build.debian.BinaryPackage;
import org.jmicrovm.build.debian.DebUnpacker;
import org.jmicrovm.build.debian.DebianArchive;
import org.jmicrovm.build.debian.PackageIndex;
import org.jmicrovm.build.debian.Resolution;
import org.jmicrovm.build.debian.Resolver;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StoreName;
import org.jmicrovm.store.StorePath;

/**
 * Debian's archive as {@code pkgs} for one system, resolved lazily by name: a name is looked up in
 * the lock first, and only a name the lock lacks loads the archive's signed metadata (once), is
 * resolved with its closure and added to the lock. {@link #outPath} unpacks a package into its own
 * store path (merged /usr, plus {@code DEBIAN/} with the control files); {@link #root} merges a
 * closure into one root tree for a guest.
 */
public final class DebianPackageSet {
    static final String UNPACK_BUILDER = "jmicrovm-deb-unpack/2";
    /** The Debian release jmicrovm's pkgs are made of. */
    public static final String RELEASE = "bookworm";

    /** What Nix code sees of a package besides its {@code outPath}. */
    public record Package(String name, String version, String architecture) {}

    private final Store store;
    private final DebCache cache;
    private final String architecture;
    private final Supplier<DebianArchive> archive;
    private final Progress progress;
    private DebianArchive loaded;
    private PkgsLock lock;
    private boolean lockChanged;

    /**
     * @param archive gives the archive when a name is not locked; it is not called otherwise, and a
     *                supplier returning null means offline
     */
    public DebianPackageSet(Store store, DebCache cache, String system, PkgsLock lock,
                            Supplier<DebianArchive> archive, Progress progress) {
        this.store = store;
        this.cache = cache;
        this.architecture = DebianPackages.debianArchitecture(system);
        this.lock = lock;
        this.archive = archive;
        this.progress = progress;
    }

    /**
     * The package set a host configuration uses: its lock file ({@value PkgsLock#FILE_NAME} beside
     * it; read if present), the deb cache of {@link DebCache#defaultLocation} with verified indexes in
     * {@code indexes/} beside it, and the host's apt mirror for bookworm. Offline, nothing is
     * downloaded: names and files must be in the lock and the cache.
     */
    public static DebianPackageSet open(Store store, Path lockFile, String system, boolean offline,
                                        java.util.Map<String, String> env, boolean root, Progress progress)
            throws IOException {
        PkgsLock lock = java.nio.file.Files.isRegularFile(lockFile) ? PkgsLock.read(lockFile)
                : PkgsLock.empty(RELEASE);
        Path debs = DebCache.defaultLocation(env, root);
        List<org.jmicrovm.build.debian.AptSource> sources = org.jmicrovm.build.debian.AptSources.forRelease(
                Path.of("/etc/apt"), RELEASE);
        DebCache cache = new DebCache(debs, progress,
                sources.stream().map(org.jmicrovm.build.debian.AptSource::uri).distinct().toList(), offline);
        Supplier<DebianArchive> archive = offline ? () -> null
                : () -> new DebianArchive(sources, org.jmicrovm.build.debian.ArchiveKeyring.debian(),
                        debs.resolveSibling("indexes"), false, progress::report);
        return new DebianPackageSet(store, cache, system, lock, archive, progress);
    }

    /** Writes the lock file when resolving added packages to it. */
    public synchronized void saveLock(Path lockFile) throws IOException {
        if (lockChanged) {
            lock.write(lockFile);
            lockChanged = false;
        }
    }

    public String architecture() {
        return architecture;
    }

    public Store store() {
        return store;
    }

    /** The lock as it is now: the one given plus every package resolved since. */
    public synchronized PkgsLock lock() {
        return lock;
    }

    /** Whether resolving added packages, so the lock file should be written. */
    public synchronized boolean lockChanged() {
        return lockChanged;
    }

    /** Whether the archive's metadata was needed (false for a build served by the lock alone). */
    public synchronized boolean archiveLoaded() {
        return loaded != null;
    }

    public Optional<Package> find(String name) {
        return locked(name).map(p -> new Package(p.name(), p.deb().version(), architecture));
    }

    /**
     * For a name that is no Debian package: the packages providing it when it is a virtual name ({@code awk}),
     * else those with a close name (nixpkgs' {@code openssh} is Debian's {@code openssh-server} and
     * {@code openssh-client}); empty offline or when nothing is close.
     */
    public synchronized Optional<String> hintFor(String name) {
        DebianArchive a = archive();
        if (a == null) {
            return Optional.empty();
        }
        PackageIndex index = a.index(architecture);
        if (index.isVirtual(name)) {
            List<String> providers = index.providers(name).stream().map(BinaryPackage::name).limit(6).toList();
            return Optional.of(name + " is a virtual Debian package; name one that provides it: "
                    + String.join(", ", providers));
        }
        List<String> close = PackageNames.closeTo(name, index.names(), 5);
        return close.isEmpty() ? Optional.empty() : Optional.of(close.size() == 1
                ? "Did you mean " + close.getFirst() + "?"
                : "Did you mean one of " + String.join(", ", close.subList(0, close.size() - 1)) + " or "
                        + close.getLast() + "?");
    }

    public Package require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("pkgs." + name
                + ": no such Debian package for " + architecture + " (hint: apt-cache policy " + name + ")"));
    }

    private synchronized Optional<LockedPackage> locked(String name) {
        Optional<LockedPackage> p = lock.find(architecture, name);
        if (p.isPresent()) {
            return p;
        }
        DebianArchive a = archive();
        if (a == null) {
            throw new IllegalStateException("offline: pkgs." + name + " is not in the lock " + PkgsLock.FILE_NAME
                    + "; build once online to resolve and lock it");
        }
        if (a.index(architecture).candidate(name).isEmpty()) {
            return Optional.empty();
        }
        Resolution r = Resolver.jmicrovm(a.index(architecture)).resolve(List.of(name));
        List<LockedPackage> added = new ArrayList<>();
        for (BinaryPackage b : r.selected().values()) {
            added.add(new LockedPackage(new LockedDeb(architecture, b.name(), b.version().toString(), b.size(),
                    b.sha256(), b.filename()), b.archive(), r.edges().getOrDefault(b.name(), List.of())));
        }
        PkgsLock before = lock;
        lock = lock.plus(added);
        lockChanged |= !lock.equals(before);
        return lock.find(architecture, name);
    }

    private DebianArchive archive() {
        if (loaded == null) {
            loaded = archive.get();
        }
        return loaded;
    }

    /** The names of the packages {@code roots} need (themselves included), in breadth-first order. */
    public List<String> closure(List<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String n = todo.removeFirst();
            if (seen.add(n)) {
                LockedPackage p = locked(n).orElseThrow(() -> new IllegalArgumentException(
                        "pkgs." + n + ": no such Debian package for " + architecture));
                todo.addAll(p.depends());
            }
        }
        return List.copyOf(seen);
    }

    /** The package unpacked into its own store path ({@code ${pkgs.nginx}/sbin/nginx} works through merged /usr). */
    public StorePath outPath(String name) {
        LockedPackage p = locked(name).orElseThrow(() -> new IllegalArgumentException(
                "pkgs." + name + ": no such Debian package for " + architecture));
        LockedDeb deb = p.deb();
        return store.build(unpackInputs(deb), out -> {
            Path file = cache.get(deb, Optional.of(p.archive()));
            DebUnpacker.unpack(file, out, architecture, out.resolve("DEBIAN"));
        });
    }

    /**
     * The packages of this set whose unpacked store paths {@code text} names (e.g. a script with
     * {@code ${pkgs.hello}/bin/hello}), by their {@code DEBIAN/control}; other store paths are ignored.
     */
    public List<String> packagesNamedIn(String text) {
        List<String> names = new ArrayList<>();
        for (StorePath p : store.referencesIn(text)) {
            Path control = p.resolve("DEBIAN/control");
            if (!java.nio.file.Files.isRegularFile(control)) {
                continue;
            }
            try {
                var fields = org.jmicrovm.build.debian.Deb822.parse(control.toString(),
                        java.nio.file.Files.readString(control, java.nio.charset.StandardCharsets.UTF_8)).get(0);
                String name = fields.require(control.toString(), "Package");
                String arch = fields.get("Architecture").orElse("all");
                boolean ours = lock().find(architecture, name)
                        .map(l -> store.pathOf(unpackInputs(l.deb())).equals(p)).orElse(false);
                if ((arch.equals(architecture) || arch.equals("all")) && ours) {
                    names.add(name);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return names;
    }

    /**
     * Downloads and verifies every .deb first, so a refused file leaves the store untouched rather
     * than half of a closure unpacked.
     */
    private void fetchAll(List<String> names) {
        for (String n : names) {
            LockedPackage p = locked(n).orElseThrow();
            if (!store.isValid(store.pathOf(unpackInputs(p.deb())))) {
                try {
                    cache.get(p.deb(), Optional.of(p.archive()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e.getMessage(), e);
                }
            }
        }
    }

    private static BuildInputs unpackInputs(LockedDeb deb) {
        return BuildInputs.named(StoreName.sanitize(deb.name() + "-" + deb.versionWithoutEpoch()), UNPACK_BUILDER)
                .input("deb-sha256", deb.sha256())
                .input("architecture", deb.architecture())
                .build();
    }

    /** The merged root tree of the closure of {@code roots}: what a guest's {@code /usr}, {@code /etc}… come from. */
    public PackageRoot root(List<String> roots) {
        List<String> names = closure(roots);
        fetchAll(names);
        List<PackageRoot.Member> members = new ArrayList<>();
        for (String n : names) {
            members.add(new PackageRoot.Member(n, outPath(n)));
        }
        try {
            return PackageRoot.build(store, roots, members, outPath("base-passwd"), architecture);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
