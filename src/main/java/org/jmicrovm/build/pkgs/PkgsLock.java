package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jmicrovm.build.debian.Deb822;

/**
 * The lock file of a host configuration, {@value #FILE_NAME} beside it: every Debian package any
 * of its guests uses, pinned by version, size and SHA-256, with the archive it came from and the
 * packages chosen for its dependencies. A build whose packages are all in the lock fetches no
 * archive metadata; one that needs more resolves the new names and adds them (existing entries are
 * never changed silently). Written in Debian's own control syntax, sorted, so diffs are readable:
 *
 * <pre>
 * Lock-Version: 1
 * Release: bookworm
 *
 * Package: nginx
 * Architecture: amd64
 * Version: 1.22.1-9+deb12u11
 * Size: 529668
 * SHA256: …
 * Filename: pool/main/n/nginx/nginx_1.22.1-9+deb12u11_amd64.deb
 * Archive: http://deb.debian.org/debian-security
 * Depends: nginx-common, libc6, …
 * </pre>
 */
public record PkgsLock(String release, Map<String, LockedPackage> packages) {
    public static final String FILE_NAME = "jmicrovm-pkgs.lock";
    private static final String VERSION = "1";

    public PkgsLock {
        packages = java.util.Collections.unmodifiableMap(new TreeMap<>(packages));
    }

    public static PkgsLock empty(String release) {
        return new PkgsLock(release, Map.of());
    }

    private static String key(String architecture, String name) {
        return architecture + "/" + name;
    }

    public Optional<LockedPackage> find(String architecture, String name) {
        return Optional.ofNullable(packages.get(key(architecture, name)));
    }

    /** This lock plus new entries; an entry that is already locked keeps its pin. */
    public PkgsLock plus(Collection<LockedPackage> added) {
        Map<String, LockedPackage> m = new TreeMap<>(packages);
        for (LockedPackage p : added) {
            m.putIfAbsent(key(p.deb().architecture(), p.name()), p);
        }
        return new PkgsLock(release, m);
    }

    public static PkgsLock read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static PkgsLock parse(String source, String text) {
        List<Deb822.Paragraph> ps = Deb822.parse(source, text);
        if (ps.isEmpty() || !ps.get(0).get("Lock-Version").isPresent()) {
            throw new IllegalArgumentException(source + ":1: not a jmicrovm package lock (no Lock-Version field)");
        }
        Deb822.Paragraph head = ps.get(0);
        if (!head.require(source, "Lock-Version").equals(VERSION)) {
            throw new IllegalArgumentException(source + ":" + head.line() + ": lock version "
                    + head.require(source, "Lock-Version") + " is not supported by this jmicrovm (it writes "
                    + VERSION + ")");
        }
        Map<String, LockedPackage> m = new TreeMap<>();
        for (Deb822.Paragraph p : ps.subList(1, ps.size())) {
            try {
                LockedDeb deb = new LockedDeb(p.require(source, "Architecture"), p.require(source, "Package"),
                        p.require(source, "Version"), Long.parseLong(p.require(source, "Size")),
                        p.require(source, "SHA256"), p.require(source, "Filename"));
                String deps = p.get("Depends").orElse("").strip();
                LockedPackage lp = new LockedPackage(deb, p.require(source, "Archive"),
                        deps.isEmpty() ? List.of() : Arrays.stream(deps.split(",")).map(String::strip).toList());
                if (m.put(key(deb.architecture(), deb.name()), lp) != null) {
                    throw new IllegalArgumentException("package locked twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + p.line() + ": " + e.getMessage(), e);
            }
        }
        return new PkgsLock(head.require(source, "Release"), m);
    }

    public String render() {
        StringBuilder s = new StringBuilder("# jmicrovm package lock: every Debian package of this configuration's guests.\n"
                + "# Written by jmicrovm; commit it. A .deb whose SHA-256 differs is refused.\n"
                + "Lock-Version: " + VERSION + "\nRelease: " + release + "\n");
        for (LockedPackage p : packages.values()) {
            LockedDeb d = p.deb();
            s.append("\nPackage: ").append(d.name())
                    .append("\nArchitecture: ").append(d.architecture())
                    .append("\nVersion: ").append(d.version())
                    .append("\nSize: ").append(d.size())
                    .append("\nSHA256: ").append(d.sha256())
                    .append("\nFilename: ").append(d.filename())
                    .append("\nArchive: ").append(p.archive());
            if (!p.depends().isEmpty()) {
                s.append("\nDepends: ").append(String.join(", ", p.depends()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Writes atomically (a temporary file beside it, then a rename). */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, render(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
