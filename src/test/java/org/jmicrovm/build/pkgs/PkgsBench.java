package org.jmicrovm.build.pkgs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jmicrovm.build.Exec;
import org.jmicrovm.build.MicroVmBuilder;
import org.jmicrovm.build.BuiltMicroVm;
import org.jmicrovm.build.debian.AptSources;
import org.jmicrovm.build.debian.ArchiveKeyring;
import org.jmicrovm.build.debian.DebianArchive;
import org.jmicrovm.build.debian.PackageIndex;
import org.jmicrovm.build.debian.Resolver;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.store.FileTrees;
import org.jmicrovm.store.Store;

/**
 * Benchmark of the package layer (not a test; run by bench/pkgs-bench.sh): resolution against
 * apt-get --simulate in the same run, cold fetch + unpack of nginx's closure, warm rebuild from the
 * lock, and the size of an nginx guest's store disk.
 */
public final class PkgsBench {
    private static final List<String> ROOTS = List.of("nginx", "python3", "openssh-server", "dropbear", "busybox");

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("jmicrovm-pkgs-bench");
        try {
            run(work);
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void run(Path work) throws Exception {
        var sources = AptSources.forRelease(Path.of("/etc/apt"), "bookworm");
        Path indexes = Path.of(System.getProperty("java.io.tmpdir"), "jmicrovm-test-indexes");
        new DebianArchive(sources, ArchiveKeyring.debian(), indexes, false, l -> { }).index("amd64"); // fill the cache

        // 1. resolution: ours (verified metadata from the cache + resolving) vs apt with private state
        Path apt = work.resolve("apt");
        Files.createDirectories(apt.resolve("lists/partial"));
        Files.createDirectories(apt.resolve("cache/archives/partial"));
        Files.writeString(apt.resolve("status"), "");
        List<String> aptOpts = List.of("-o", "Dir::State::Lists=" + apt.resolve("lists"), "-o",
                "Dir::Cache=" + apt.resolve("cache"), "-o", "Dir::State::status=" + apt.resolve("status"),
                "-o", "Debug::NoLocking=1");
        List<String> update = new ArrayList<>(List.of("apt-get", "-qq"));
        update.addAll(aptOpts);
        update.add("update");
        Exec.check(null, update);
        List<Double> oursLoad = new ArrayList<>();
        List<Double> oursResolve = new ArrayList<>();
        List<Double> aptTimes = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            PackageIndex index = new DebianArchive(sources, ArchiveKeyring.debian(), indexes, true, l -> { })
                    .index("amd64");
            oursLoad.add(ms(t0));
            long t1 = System.nanoTime();
            for (String r : ROOTS) {
                Resolver.aptLike(index).resolve(List.of(r));
            }
            oursResolve.add(ms(t1));
            long t2 = System.nanoTime();
            for (String r : ROOTS) {
                List<String> sim = new ArrayList<>(List.of("apt-get", "-q"));
                sim.addAll(aptOpts);
                sim.addAll(List.of("install", "--simulate", "--no-install-recommends", r));
                Exec.check(null, sim);
            }
            aptTimes.add(ms(t2));
        }
        double load = median(oursLoad);
        double resolve = median(oursResolve);
        double aptMs = median(aptTimes);
        System.out.printf(Locale.ROOT, "| resolution of %s (5 closures) | ours: index %.0f ms + resolve %.1f ms"
                + " = %.0f ms | apt-get --simulate ×5: %.0f ms | ratio ours/apt %.2f |%n",
                String.join(", ", ROOTS), load, resolve, load + resolve, aptMs, (load + resolve) / aptMs);
        System.out.printf(Locale.ROOT, "| resolution alone (index in memory), 5 closures | %.1f ms | | |%n", resolve);

        // 2. cold fetch + unpack of nginx's closure: empty deb cache, empty store
        Store store = Store.open(work.resolve("store"));
        DebCache cold = new DebCache(work.resolve("debs"), Progress.silent());
        DebianPackageSet set = new DebianPackageSet(store, cold, "x86_64-linux", PkgsLock.empty("bookworm"),
                () -> new DebianArchive(sources, ArchiveKeyring.debian(), indexes, false, l -> { }), Progress.silent());
        List<String> closure = set.closure(List.of("nginx"));
        long bytes = closure.stream().mapToLong(n -> set.lock().find("amd64", n).orElseThrow().deb().size()).sum();
        long t0 = System.nanoTime();
        for (String n : closure) {
            LockedPackage p = set.lock().find("amd64", n).orElseThrow();
            cold.get(p.deb(), Optional.of(p.archive()));
        }
        double fetch = ms(t0);
        long t1 = System.nanoTime();
        PackageRoot root = set.root(List.of("nginx"));
        double unpack = ms(t1);
        long unpacked = Long.parseLong(Exec.check(null, List.of("du", "-sb", "--count-links",
                root.path().toString())).split("\\s")[0]);
        System.out.printf(Locale.ROOT, "| cold fetch of nginx's closure (%d .debs, %.1f MB) | %.0f ms | %.1f MB/s | |%n",
                closure.size(), bytes / 1e6, fetch, bytes / 1e6 / (fetch / 1000));
        System.out.printf(Locale.ROOT, "| unpack + merge (%.1f MB unpacked) | %.0f ms | %.1f MB/s of .deb | |%n",
                unpacked / 1e6, unpack, bytes / 1e6 / (unpack / 1000));

        // 3. warm rebuild from the lock: no metadata, everything in the store
        DebianPackageSet locked = new DebianPackageSet(store, new DebCache(work.resolve("debs"), Progress.silent(),
                List.of(), true), "x86_64-linux", set.lock(), () -> null, Progress.silent());
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            locked.root(List.of("nginx"));
            warm.add(ms(t));
        }
        System.out.printf(Locale.ROOT, "| warm rebuild of nginx's root tree from the lock (offline) | median %.1f ms of 5 | | |%n",
                median(warm));

        // 4. an nginx guest's store disk (erofs, default flags)
        MicroVmSpec spec = MicroVmSpec.builder("nginx").mem(256).store(GuestStore.onErofsDisk())
                .guestOs(GuestOs.minimal().withPackages(List.of("nginx"))).build();
        DebianPackages base = new DebianPackages(store, PackageLock.builtIn(),
                new DebCache(DebCache.defaultLocation(System.getenv(), true), Progress.silent()), "x86_64-linux",
                Progress.silent());
        BuiltMicroVm vm = new MicroVmBuilder(base, Optional.of(set)).build(spec);
        long disk = Files.size(vm.storeDisk().orElseThrow());
        System.out.printf(Locale.ROOT, "| nginx guest store disk (erofs, closure of the system) | %.1f MB | | |%n",
                disk / 1e6);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
