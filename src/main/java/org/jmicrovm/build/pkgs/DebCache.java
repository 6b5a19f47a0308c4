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
import java.net.URI;
import java.util.ArrayList;
import java.util.Optional;
import org.jmicrovm.build.debian.AptSource;
import org.jmicrovm.build.debian.AptSources;
import org.jmicrovm.build.debian.Downloader;

/**
 * A directory of downloaded .deb files named by their SHA-256 ({@code <sha256>.deb}), so a
 * pinned package is fetched once and survives the archive dropping it.
 *
 * <p>Location: {@code MICROVM_DEB_CACHE}, else {@value #SYSTEM_DEFAULT} as root, else
 * {@code $XDG_CACHE_HOME/jmicrovm/debs}. A missing file is looked for in apt's own cache
 * ({@code /var/cache/apt/archives}) and otherwise downloaded over HTTP from the mirrors and checked
 * against the SHA-256 of the lock (or of the signed index it came from).
 */
public final class DebCache {
    public static final String ENV = "MICROVM_DEB_CACHE";
    public static final String SYSTEM_DEFAULT = "/var/cache/jmicrovm/debs";
    private static final Path APT_ARCHIVES = Path.of("/var/cache/apt/archives");

    private final Path dir;
    private final Progress progress;
    private final List<String> mirrors;
    private final boolean offline;

    /** A cache that downloads from the mirrors the host's apt uses for bookworm (or Debian's defaults). */
    public DebCache(Path dir, Progress progress) {
        this(dir, progress, AptSources.forRelease(Path.of("/etc/apt"), "bookworm").stream()
                .map(AptSource::uri).distinct().toList(), false);
    }

    /**
     * @param mirrors archive base URIs to fetch {@code Filename}s from, in order
     * @param offline never download; a file missing from the cache is an error
     */
    public DebCache(Path dir, Progress progress, List<String> mirrors, boolean offline) {
        this.dir = dir.toAbsolutePath();
        this.progress = progress;
        this.mirrors = List.copyOf(mirrors);
        this.offline = offline;
    }

    public boolean offline() {
        return offline;
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
        return get(deb, Optional.empty());
    }

    /**
     * The verified .deb file for a locked package: from the cache, from apt's cache when the hash
     * matches, else downloaded (trying {@code archive} first, then the configured mirrors) and
     * checked against the lock's size and SHA-256. Offline, a missing file is an error.
     */
    public Path get(LockedDeb deb, Optional<String> archive) throws IOException {
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
        return download(deb, archive, target);
    }

    private Path download(LockedDeb deb, Optional<String> archive, Path target) throws IOException {
        if (offline) {
            throw new IOException("offline: " + deb + " (SHA-256 " + deb.sha256() + ") is not in the deb cache " + dir
                    + "; build once online or run bin/lib/fetch-debs.sh");
        }
        List<String> tried = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        archive.ifPresent(bases::add);
        mirrors.stream().filter(m -> !bases.contains(m)).forEach(bases::add);
        progress.report("fetching " + deb + ", " + megabytes(deb.size()) + " …");
        for (String base : bases) {
            URI uri = URI.create(base + "/" + deb.filename());
            try {
                new Downloader(progress::report).fetchVerified(uri, target, deb.size(), deb.sha256(), deb.name());
                return target;
            } catch (Downloader.NotFound e) {
                tried.add(uri.toString());
            }
        }
        throw new IOException(deb + " is on none of the mirrors (tried " + String.join(", ", tried)
                + "); the archive drops superseded versions: put the file (SHA-256 " + deb.sha256() + ") into " + dir
                + ", or update the lock");
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
