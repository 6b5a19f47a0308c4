package org.jmicrovm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jmicrovm.build.runner.Accelerator;
import org.jmicrovm.build.runner.AcceleratorProbe;
import org.jmicrovm.host.Installer;
import org.jmicrovm.host.VmBuilds;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.store.Store;
import org.jmicrovm.supervise.RunnerScripts;
import org.jmicrovm.supervise.VmRuntime;

/**
 * Build and boot benchmark (issue 4): boot time of our VMs against a bare qemu with the same kernel
 * measured in the same run, qemu's RSS, artefact sizes, cold and warm build times. Not a test: it
 * prints numbers and ratios; {@code bench/boot-bench.sh} runs it.
 *
 * <p>Arguments: {@code [--runs N] [--work DIR]}. The store is {@code $MICROVM_STORE}, else
 * {@code /tmp/jmicrovm-bench-store}; cold builds use a fresh store of their own.
 */
public final class BootBench {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, String> ENV = System.getenv();

    private final int runs;
    private final boolean bootOnly;
    private final boolean buildOnly;
    private final Path work;
    private final Store store;
    private final Report report = new Report();

    private BootBench(int runs, boolean bootOnly, boolean buildOnly, Path work, Store store) {
        this.runs = runs;
        this.bootOnly = bootOnly;
        this.buildOnly = buildOnly;
        this.work = work;
        this.store = store;
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        boolean bootOnly = false;
        boolean buildOnly = false;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--boot-only" -> bootOnly = true;
                case "--build-only" -> buildOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: BootBench [--runs N] [--boot-only | --build-only] [--work DIR]");
            }
        }
        boolean temporary = work == null;
        if (temporary) {
            work = Files.createTempDirectory("jmicrovm-bench");
        }
        String storeDir = ENV.getOrDefault("MICROVM_STORE", "");
        Store store = Store.open(storeDir.isBlank() ? Path.of("/tmp/jmicrovm-bench-store") : Path.of(storeDir));
        try {
            new BootBench(runs, bootOnly, buildOnly, work, store).run();
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    /** The seed's fully-declarative VM: the host store over virtiofs, 256 MiB. */
    static MicroVmSpec seedVm() {
        return MicroVmSpec.builder("bench").mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of("bench-virtiofs-ro-store.sock")))
                .guestOs(GuestOs.minimal())
                .build();
    }

    /** The same VM with its closure on an erofs store disk instead of a share. */
    static MicroVmSpec diskVm() {
        return MicroVmSpec.builder("benchdisk").mem(256).store(GuestStore.onErofsDisk()).guestOs(GuestOs.minimal()).build();
    }

    private void run() throws Exception {
        Accelerator accel = AcceleratorProbe.ofThisHost().resolve(Accelerator.Choice.fromEnvironment(ENV), seedVm());
        report.machine(accel);

        if (!bootOnly) {
            builds();
        }
        if (buildOnly) {
            report.print();
            return;
        }

        VmBuilds builds = new VmBuilds(store, ENV, s -> {});
        VmBuilds.Built seed = builds.build(seedVm());
        VmBuilds.Built disk = builds.build(diskVm());
        Path seedRun = seed.runner().resolve("bin/microvm-run");
        Path bareInitrd = work.resolve("bare-initrd.gz");
        // Debian's busybox-static, the same package our guests get (bin/lib/install-deps.sh installs it)
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IOException("/bin/busybox is missing; install Debian's busybox-static (bin/lib/install-deps.sh)");
        }
        BareQemu.writeInitrd(bareInitrd, busybox);
        List<String> bare = BareQemu.command(seedRun, bareInitrd);
        report.line("");
        report.line("kernel command line (ours): " + BareQemu.runnerOptions(seedRun).get("-append").getFirst());
        report.line("bare qemu: " + String.join(" ", bare));

        sizes(seed, disk, bareInitrd);

        List<TimedBoot> bareBoots = new ArrayList<>();
        List<TimedBoot> seedBoots = new ArrayList<>();
        List<TimedBoot> diskBoots = new ArrayList<>();
        List<Duration> shutdowns = new ArrayList<>();
        List<Duration> supervised = new ArrayList<>();
        // One untimed boot of each first: the first qemu of a run pays for cold host caches.
        bootBare(bare);
        bootOurs(seed, "warmup-seed", new ArrayList<>());
        if (!bootOnly) {
            bootOurs(disk, "warmup-disk", new ArrayList<>());
        }
        // Interleaved, so a slow phase of the machine hits every variant alike.
        for (int i = 0; i < runs; i++) {
            bareBoots.add(bootBare(bare));
            seedBoots.add(bootOurs(seed, "seed-" + i, shutdowns));
            if (bootOnly) {
                System.err.printf(Locale.ROOT, "run %d/%d: bare %s (cpu %s), seed %s (cpu %s)%n", i + 1, runs,
                        secs(bareBoots.getLast().readyAfter()), secs(bareBoots.getLast().cpu()),
                        secs(seedBoots.getLast().readyAfter()), secs(seedBoots.getLast().cpu()));
                continue;
            }
            diskBoots.add(bootOurs(disk, "disk-" + i, shutdowns));
            supervised.add(bootSupervised(seed, i));
            System.err.printf(Locale.ROOT, "run %d/%d: bare %s, seed %s, disk %s, via VmRuntime %s%n", i + 1, runs,
                    secs(bareBoots.getLast().readyAfter()), secs(seedBoots.getLast().readyAfter()),
                    secs(diskBoots.getLast().readyAfter()), secs(supervised.getLast()));
        }
        Duration bareMedian = median(bareBoots.stream().map(TimedBoot::readyAfter).toList());
        if (bootOnly) {
            Duration bareCpu = median(bareBoots.stream().map(TimedBoot::cpu).toList());
            report.line("");
            report.line("Boot only (" + runs + " runs each, interleaved): wall, then qemu CPU time");
            report.boot("bare qemu, wall", bareBoots, bareMedian);
            report.boot("ours, seed VM, wall", seedBoots, bareMedian);
            report.durations("bare qemu, CPU", bareBoots.stream().map(TimedBoot::cpu).toList(), bareCpu);
            report.durations("ours, seed VM, CPU", seedBoots.stream().map(TimedBoot::cpu).toList(), bareCpu);
            report.print();
            return;
        }
        report.line("");
        report.line("Boot: start of the command to the ready line on the console (" + runs + " runs each, interleaved)");
        report.boot("bare qemu + same kernel + busybox initrd", bareBoots, bareMedian);
        report.boot("ours, seed VM (store over virtiofs), microvm-run", seedBoots, bareMedian);
        report.boot("ours, erofs store disk, microvm-run", diskBoots, bareMedian);
        report.durations("ours, seed VM, VmRuntime.start (virtiofsd included) to MICROVM-READY in console.log",
                supervised, bareMedian);
        report.durations("bin/microvm-shutdown until qemu exited (both VMs)", shutdowns, null);
        Duration bareCpu = median(bareBoots.stream().map(TimedBoot::cpu).toList());
        report.line("");
        report.line("qemu CPU time (user + system) until the ready line: the same comparison, less disturbed by other load");
        report.durations("bare qemu", bareBoots.stream().map(TimedBoot::cpu).toList(), bareCpu);
        report.durations("ours, seed VM", seedBoots.stream().map(TimedBoot::cpu).toList(), bareCpu);
        report.durations("ours, erofs store disk", diskBoots.stream().map(TimedBoot::cpu).toList(), bareCpu);
        report.line("");
        report.line("qemu RSS after boot (256 MiB guest), median:");
        report.rss("bare", bareBoots);
        report.rss("seed VM", seedBoots);
        report.rss("erofs store disk VM", diskBoots);
        report.print();
    }

    /** Cold build (empty store, debs cached) and warm builds, in this JVM and in a new one. */
    private void builds() throws Exception {
        Path coldStore = work.resolve("cold-store");
        Store cold = Store.open(coldStore);
        long t0 = System.nanoTime();
        new VmBuilds(cold, ENV, s -> {}).build(seedVm());
        Duration coldSeed = Duration.ofNanos(System.nanoTime() - t0);
        t0 = System.nanoTime();
        new VmBuilds(cold, ENV, s -> {}).build(diskVm());
        Duration coldDisk = Duration.ofNanos(System.nanoTime() - t0);

        List<Duration> warm = new ArrayList<>();
        VmBuilds same = new VmBuilds(cold, ENV, s -> {});
        for (int i = 0; i < 5; i++) {
            t0 = System.nanoTime();
            same.build(seedVm());
            warm.add(Duration.ofNanos(System.nanoTime() - t0));
        }
        // A new JVM, as a `microvm-host switch` with nothing changed would pay it, started with the
        // launcher's flags (bin/lib/common.sh) and start-up cache: on JDK 25 and later an AOT cache, made by
        // a training run as the launcher makes its own (here: of the build), else a class-data archive
        // written by the first run.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String cp = System.getProperty("java.class.path");
        List<String> launcher = List.of("-Xss16m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1");
        List<String> cache;
        if (Runtime.version().feature() >= 25) {
            Path aot = work.resolve("bench.aot");
            List<String> training = new ArrayList<>(List.of(java.toString(), "-XX:AOTCacheOutput=" + aot,
                    "-Xlog:aot=off", "-Xlog:cds=off"));
            training.addAll(launcher);
            training.addAll(List.of("-cp", cp, BuildOnce.class.getName(), coldStore.toString()));
            runBuildOnce(training);
            cache = List.of("-XX:AOTCache=" + aot, "-Xlog:aot=off", "-Xlog:cds=off");
        } else {
            cache = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + work.resolve("bench.jsa"));
            List<String> first = new ArrayList<>(List.of(java.toString()));
            first.addAll(cache);
            first.addAll(launcher);
            first.addAll(List.of("-cp", cp, BuildOnce.class.getName(), coldStore.toString()));
            runBuildOnce(first);
        }
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(cache);
        cmd.addAll(launcher);
        cmd.addAll(List.of("-cp", cp, BuildOnce.class.getName(), coldStore.toString()));
        List<Duration> newJvm = new ArrayList<>();
        List<Duration> newJvmBuild = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            t0 = System.nanoTime();
            String out = runBuildOnce(cmd);
            newJvm.add(Duration.ofNanos(System.nanoTime() - t0));
            newJvmBuild.add(Duration.ofNanos(Long.parseLong(out)));
        }

        report.line("");
        report.line("Build (debs in the local cache; kernel, busybox, initrd, guest system, runner):");
        report.line(String.format(Locale.ROOT, "  cold, empty store, seed VM:            %8s", secs(coldSeed)));
        report.line(String.format(Locale.ROOT, "  then the erofs-disk VM (adds its disk): %8s", secs(coldDisk)));
        report.line(String.format(Locale.ROOT, "  warm, same JVM (median of 5):          %8s   (min %s, max %s)",
                secs(median(warm)), secs(warm.stream().min(Comparator.naturalOrder()).orElseThrow()),
                secs(warm.stream().max(Comparator.naturalOrder()).orElseThrow())));
        report.line(String.format(Locale.ROOT, "  warm, new JVM, median of 5 (java start included): %s (min %s, max %s;"
                        + " the build itself %s)", secs(median(newJvm)),
                secs(newJvm.stream().min(Comparator.naturalOrder()).orElseThrow()),
                secs(newJvm.stream().max(Comparator.naturalOrder()).orElseThrow()), secs(median(newJvmBuild))));
        deleteTree(coldStore);
    }

    /** Runs a BuildOnce JVM; its output is the build's duration in ns. */
    private static String runBuildOnce(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("BuildOnce failed: " + out);
        }
        return out;
    }

    private void sizes(VmBuilds.Built seed, VmBuilds.Built disk, Path bareInitrd) throws IOException {
        var seedOpts = BareQemu.runnerOptions(seed.runner().resolve("bin/microvm-run"));
        var diskOpts = BareQemu.runnerOptions(disk.runner().resolve("bin/microvm-run"));
        Path kernel = Path.of(seedOpts.get("-kernel").getFirst());
        Path seedInitrd = Path.of(seedOpts.get("-initrd").getFirst());
        Path diskInitrd = Path.of(diskOpts.get("-initrd").getFirst());
        Path storeDisk = diskOpts.get("-drive").stream()
                .flatMap(d -> Stream.of(d.split(","))).filter(kv -> kv.startsWith("file="))
                .map(kv -> Path.of(kv.substring(5))).findFirst().orElseThrow();
        report.line("");
        report.line("Sizes:");
        report.line(String.format(Locale.ROOT, "  kernel image (%s): %s", kernel.getFileName(), mib(Files.size(kernel))));
        report.line("  initrd, seed VM (virtiofs):     " + mib(Files.size(seedInitrd)));
        report.line("  initrd, erofs-disk VM:          " + mib(Files.size(diskInitrd)));
        report.line("  initrd, bare reference:         " + mib(Files.size(bareInitrd)));
        report.line("  erofs store disk:               " + mib(Files.size(storeDisk)));
        report.line("  guest closure (store paths):    " + mib(closureBytes(seed)) + " in "
                + store.closure(List.of(seed.toplevel())).size() + " paths");
    }

    private long closureBytes(VmBuilds.Built vm) throws IOException {
        long total = 0;
        for (var path : store.closure(List.of(vm.toplevel()))) {
            try (Stream<Path> walk = Files.walk(path.path())) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    total += Files.size(f);
                }
            }
        }
        return total;
    }

    private TimedBoot bootBare(List<String> command) throws Exception {
        try (TimedBoot.Running vm = TimedBoot.start(command, work, "^" + BareQemu.READY + "$", BOOT_TIMEOUT)) {
            return vm.boot;
        }
    }

    /** Runs the runner as a host does: virtiofsd-run first (untimed), then microvm-run, timed. */
    private TimedBoot bootOurs(VmBuilds.Built vm, String name, List<Duration> shutdowns) throws Exception {
        Path state = Files.createDirectories(work.resolve(name));
        RunnerScripts scripts = new RunnerScripts(vm.runner().path());
        Process virtiofsd = null;
        if (scripts.virtiofsdRun().isPresent()) {
            virtiofsd = new ProcessBuilder(scripts.virtiofsdRun().get().toString()).directory(state.toFile())
                    .redirectErrorStream(true).redirectOutput(state.resolve("virtiofsd.log").toFile()).start();
            for (String socket : scripts.virtiofsSockets()) {
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!Files.exists(state.resolve(socket))) {
                    if (System.nanoTime() > end) {
                        throw new IOException("virtiofsd did not create " + socket);
                    }
                    Thread.sleep(5);
                }
            }
        }
        try (TimedBoot.Running running = TimedBoot.start(List.of(scripts.microvmRun().toString()), state,
                "^MICROVM-READY " + vm.spec().hostName() + "$", BOOT_TIMEOUT)) {
            long t0 = System.nanoTime();
            Process shutdown = new ProcessBuilder(scripts.microvmShutdown().orElseThrow().toString())
                    .directory(state.toFile()).redirectErrorStream(true).start();
            shutdown.getInputStream().readAllBytes();
            if (running.awaitExit(Duration.ofSeconds(30))) {
                shutdowns.add(Duration.ofNanos(System.nanoTime() - t0));
            } else {
                throw new IOException(vm.spec().hostName() + " did not power off after microvm-shutdown");
            }
            return running.boot;
        } finally {
            if (virtiofsd != null) {
                virtiofsd.destroy();
                virtiofsd.waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(state);
        }
    }

    /** The whole host path: installed in a state directory, started by the supervisor's VmRuntime. */
    private Duration bootSupervised(VmBuilds.Built vm, int run) throws Exception {
        StateDirectory state = new StateDirectory(work.resolve("microvms-" + run));
        VmName name = new VmName(vm.spec().hostName());
        new Installer(state).create(name, vm.runner().path(), Optional.of(vm.toplevel().path()), Optional.empty());
        VmRuntime runtime = new VmRuntime(state.vm(name), s -> {});
        Pattern ready = Pattern.compile("^MICROVM-READY " + name.value() + "$", Pattern.MULTILINE);
        long t0 = System.nanoTime();
        runtime.start();
        try {
            long end = t0 + BOOT_TIMEOUT.toNanos();
            while (true) {
                if (Files.exists(runtime.consoleLog()) && ready.matcher(Files.readString(runtime.consoleLog())).find()) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
                if (System.nanoTime() > end || !runtime.isRunning()) {
                    throw new IOException("VmRuntime boot did not get ready:\n" + Files.readString(runtime.consoleLog()));
                }
                Thread.sleep(5);
            }
        } finally {
            runtime.stop(Duration.ofSeconds(20));
            deleteTree(state.root());
        }
    }

    static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    static String secs(Duration d) {
        return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / 1048576.0);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // store paths are read-only: make them writable on the way down
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    p.toFile().setWritable(true);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
