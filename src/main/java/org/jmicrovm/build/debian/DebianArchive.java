package org.jmicrovm.build.debian;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.function.Consumer;
import org.tukaani.xz.XZInputStream;

/**
 * The archive's metadata for one release: for every configured source and suite, {@code InRelease}
 * is fetched and its signatures verified against the keyring, then each component's
 * {@code Packages.xz} is fetched by the SHA-256 the signed file lists (by-hash when the archive
 * offers it) and checked before it is read. Verified files are cached: InRelease per source and
 * suite, indexes by their SHA-256; offline, only the cache is used (and verified again).
 */
public final class DebianArchive {
    private final List<AptSource> sources;
    private final ArchiveKeyring keyring;
    private final Path cache;
    private final boolean offline;
    private final Consumer<String> progress;
    private final Downloader downloader;
    private final Map<String, PackageIndex> indexes = new ConcurrentHashMap<>();

    /**
     * @param cache   a directory for verified InRelease files and indexes (e.g. /var/cache/jmicrovm/indexes)
     * @param offline use only the cache; fail clearly when something is missing
     */
    public DebianArchive(List<AptSource> sources, ArchiveKeyring keyring, Path cache, boolean offline,
                         Consumer<String> progress) {
        this.sources = List.copyOf(sources);
        this.keyring = keyring;
        this.cache = cache.toAbsolutePath();
        this.offline = offline;
        this.progress = progress;
        this.downloader = new Downloader(progress);
    }

    public List<AptSource> sources() {
        return sources;
    }

    public boolean offline() {
        return offline;
    }

    public Downloader downloader() {
        return downloader;
    }

    /** The package index for a Debian architecture, loaded once per instance. */
    public PackageIndex index(String architecture) {
        return indexes.computeIfAbsent(architecture, this::load);
    }

    private PackageIndex load(String architecture) {
        List<BinaryPackage> all = new ArrayList<>();
        try {
            for (AptSource s : sources) {
                for (String suite : s.suites()) {
                    String what = s.uri() + "/dists/" + suite + "/InRelease";
                    String signed = keyring.verifyClearSigned(what, inRelease(s, suite, what));
                    ReleaseFile release = ReleaseFile.parse(what, signed);
                    release.requireSuite(what, suite);
                    for (String component : s.components()) {
                        String text = packages(s, suite, release, component, architecture);
                        String src = s.uri() + " " + suite + "/" + component + "/binary-" + architecture + "/Packages";
                        all.addAll(PackagesParser.parse(src, text, s.uri()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return new PackageIndex(architecture, all);
    }

    private byte[] inRelease(AptSource s, String suite, String what) throws IOException {
        Path cached = cache.resolve("InRelease").resolve(key(s.uri()) + "_" + suite);
        if (offline) {
            if (!Files.isRegularFile(cached)) {
                throw new IOException("offline: no cached " + what + " in " + cached.getParent()
                        + " (build once online, or build with a lock file that pins every package)");
            }
            return Files.readAllBytes(cached);
        }
        progress.accept("fetching " + what);
        byte[] body = downloader.get(URI.create(s.uri() + "/dists/" + suite + "/InRelease"));
        keyring.verifyClearSigned(what, body); // only verified files are cached
        Files.createDirectories(cached.getParent());
        Path tmp = cached.resolveSibling("." + cached.getFileName() + "." + UUID.randomUUID());
        Files.write(tmp, body);
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return body;
    }

    private String packages(AptSource s, String suite, ReleaseFile release, String component, String arch)
            throws IOException {
        String dir = component + "/binary-" + arch + "/";
        for (String name : List.of("Packages.xz", "Packages.gz", "Packages")) {
            var listed = release.file(dir + name);
            if (listed.isEmpty()) {
                continue;
            }
            ReleaseFile.IndexFile f = listed.get();
            Path cached = cache.resolve("by-hash").resolve(f.sha256());
            if (!Files.isRegularFile(cached)) {
                String what = s.uri() + "/dists/" + suite + "/" + f.path();
                if (offline) {
                    throw new IOException("offline: " + what + " (SHA-256 " + f.sha256() + ") is not cached in "
                            + cached.getParent());
                }
                progress.accept("fetching " + what + " (" + Downloader.mb(f.size()) + ")");
                String base = s.uri() + "/dists/" + suite + "/";
                try {
                    URI uri = URI.create(base + (release.acquireByHash()
                            ? dir + "by-hash/SHA256/" + f.sha256() : f.path()));
                    downloader.fetchVerified(uri, cached, f.size(), f.sha256(), what);
                } catch (Downloader.NotFound e) {
                    // a mirror that advertises by-hash but lags behind still has the plain path
                    downloader.fetchVerified(URI.create(base + f.path()), cached, f.size(), f.sha256(), what);
                }
            }
            return decompressedOnce(name, cached);
        }
        throw new IOException(s.uri() + " " + suite + ": the signed Release lists no Packages index for " + dir
                + " (is '" + arch + "' an architecture of this archive?)");
    }

    /**
     * xz-java needs ~2.6 s for the 50 MB main index, so the decompressed text of a verified index is
     * kept beside it ({@code <sha256>.plain}) and read directly next time.
     */
    private static String decompressedOnce(String name, Path file) throws IOException {
        Path plain = file.resolveSibling(file.getFileName() + ".plain");
        if (name.equals("Packages")) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        if (Files.isRegularFile(plain)) {
            return Files.readString(plain, StandardCharsets.UTF_8);
        }
        String text = decompress(name, file);
        Path tmp = plain.resolveSibling("." + plain.getFileName() + "." + UUID.randomUUID());
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, plain, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return text;
    }

    private static String decompress(String name, Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".xz") ? new XZInputStream(raw, -1)
                     : name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 24);
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String key(String uri) {
        return uri.replaceAll("^[a-z]+://", "").replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
