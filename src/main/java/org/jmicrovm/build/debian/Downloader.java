package org.jmicrovm.build.debian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Plain HTTP(S) downloads with java.net.http: into a temporary file beside the target, hashed while
 * written, and moved to the target only when size and SHA-256 match. Progress is reported about
 * once a second for large files.
 */
public final class Downloader {
    private final HttpClient http;
    private final Consumer<String> progress;

    public Downloader(Consumer<String> progress) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.progress = progress;
    }

    /** Thrown for a 404: the archive does not (or no longer) have this file. */
    public static final class NotFound extends IOException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** GETs a small file into memory (InRelease). */
    public byte[] get(URI uri) throws IOException {
        HttpResponse<byte[]> r = send(uri, HttpResponse.BodyHandlers.ofByteArray());
        check(uri, r.statusCode());
        return r.body();
    }

    /**
     * GETs {@code uri} into {@code target}, which appears only if the content has the expected
     * SHA-256 (and size, when {@code size >= 0}); otherwise nothing is written and the error says
     * what arrived.
     */
    public void fetchVerified(URI uri, Path target, long size, String sha256, String what) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            HttpResponse<InputStream> r = send(uri, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                check(uri, r.statusCode());
            }
            MessageDigest md = sha256();
            long n = 0;
            long lastReport = System.nanoTime();
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int k; (k = in.read(buf)) > 0; ) {
                    md.update(buf, 0, k);
                    out.write(buf, 0, k);
                    n += k;
                    if (size >= 0 && n > size) {
                        throw new ArchiveSignatureException(what + " from " + uri + " is larger than the "
                                + size + " bytes the signed index lists; refusing it");
                    }
                    if (System.nanoTime() - lastReport > 1_000_000_000L) {
                        lastReport = System.nanoTime();
                        progress.accept("  " + what + ": " + mb(n) + (size > 0 ? " of " + mb(size)
                                + " (" + n * 100 / size + "%)" : ""));
                    }
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (size >= 0 && n != size) {
                throw new ArchiveSignatureException(what + " from " + uri + " has " + n + " bytes, but the signed index"
                        + " says " + size + "; refusing it");
            }
            if (!actual.equals(sha256)) {
                throw new ArchiveSignatureException(what + " from " + uri + " has SHA-256 " + actual
                        + ", but the signed index says " + sha256 + "; refusing it");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        try {
            return http.send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        } catch (IOException e) {
            throw new IOException("cannot fetch " + uri + ": " + e + " (hint: offline? use the lock file and"
                    + " --offline, or check the mirror in /etc/apt/sources.list.d)", e);
        }
    }

    private static void check(URI uri, int status) throws IOException {
        if (status == 404) {
            throw new NotFound(uri + ": 404 not found");
        }
        if (status != 200) {
            throw new IOException(uri + ": HTTP " + status);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
