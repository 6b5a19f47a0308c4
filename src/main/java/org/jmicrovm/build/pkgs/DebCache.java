package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmicrovm.build.Exec;
import org.jmicrovm.store.FileTrees;

/**
 * A directory of downloaded .deb files named by their SHA-256 ({@code <sha256>.deb}), so a
 * pinned package is fetched once and survives the archive dropping it.
 *
 * <p>Location: {@code MICROVM_DEB_CACHE}, else {@value #SYSTEM_DEFAULT} as root, else
 * {@code $XDG_CACHE_HOME/jmicrovm/debs}. A missing file is looked for in apt's own cache
 * ({@code /var/cache/apt/archives}) and otherwise fetched with {@code apt-get download}.
 */
public final class DebCache {
    public static final String ENV = "MICROVM_DEB_CACHE";
    public static final String SYSTEM_DEFAULT = "/var/cache/jmicrovm/debs";
    private static final Path APT_ARCHIVES = Path.of("/var/cache/apt/archives");

    private final Path dir;
    private final Progress progress;

    public DebCache(Path dir, Progress progress) {
        this.dir = dir.toAbsolutePath();
        this.progress = progress;
    }

    public static Path defaultLocation(Map<String, String> env, boolean root) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        if (root) {
            return Path.of(SYSTEM_DEFAULT);
        }
        String cache = env.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(env.getOrDefault("HOME", "/tmp"), ".cache");
        return base.resolve("jmicrovm").resolve("debs");
    }

    public Path dir() {
        return dir;
    }

    /** The verified .deb file for a locked package, fetching it if needed. */
    public Path get(LockedDeb deb) throws IOException {
        Path target = dir.resolve(deb.sha256() + ".deb");
        if (Files.isRegularFile(target)) {
            return target; // only verified files are ever moved to this name
        }
        Files.createDirectories(dir);
        Path fromApt = APT_ARCHIVES.resolve(deb.aptFileName());
        if (Files.isRegularFile(fromApt) && sha256(fromApt).equals(deb.sha256())) {
            Path tmp = dir.resolve(".copy-" + UUID.randomUUID());
            Files.copy(fromApt, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        return download(deb, target);
    }

    private Path download(LockedDeb deb, Path target) throws IOException {
        Path work = Files.createTempDirectory(dir, ".fetch-");
        // apt's download user must be able to write here.
        work.toFile().setWritable(true, false);
        work.toFile().setExecutable(true, false);
        progress.report("fetching " + deb + ", " + megabytes(deb.size()) + " …");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> watch(deb, work, running));
        try {
            String spec = deb.name() + ":" + deb.architecture() + "=" + deb.version();
            Exec.Result r = Exec.run(work, List.of("apt-get", "download", "-q", spec));
            running.set(false);
            watcher.interrupt();
            Path file = work.resolve(deb.aptFileName());
            if (r.exitCode() != 0 || !Files.isRegularFile(file)) {
                throw new IOException("apt-get download " + spec + " failed (exit " + r.exitCode() + "): "
                        + r.stderr().strip() + "\nhint: run 'apt-get update'; if the archive no longer has "
                        + deb.version() + ", put the file (SHA-256 " + deb.sha256() + ") into " + dir);
            }
            String actual = sha256(file);
            if (!actual.equals(deb.sha256())) {
                throw new IOException("downloaded " + deb + " has SHA-256 " + actual + ", but the lock says "
                        + deb.sha256() + "; refusing it");
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.report("fetched " + deb.name() + " (" + megabytes(deb.size()) + ")");
            return target;
        } finally {
            running.set(false);
            watcher.interrupt();
            FileTrees.deleteRecursively(work);
        }
    }

    private void watch(LockedDeb deb, Path work, AtomicBoolean running) {
        long last = -1;
        while (running.get()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long size = sizeBelow(work);
            if (size != last && running.get()) {
                long pct = deb.size() > 0 ? Math.min(100, size * 100 / deb.size()) : 0;
                progress.report("  " + deb.name() + ": " + megabytes(size) + " of " + megabytes(deb.size())
                        + " (" + pct + "%)");
                last = size;
            }
        }
    }

    private static long sizeBelow(Path dir) {
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                total += Files.isDirectory(p) ? sizeBelow(p) : Files.size(p);
            }
        } catch (IOException e) {
            // the file moved while we looked; the next tick will see it
        }
        return total;
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
