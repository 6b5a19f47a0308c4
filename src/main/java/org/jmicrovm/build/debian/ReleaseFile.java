package org.jmicrovm.build.debian;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A verified {@code InRelease}'s signed text: Suite, Codename, whether indexes may be fetched by
 * hash, and the SHA-256 and size of every index file it lists.
 */
public record ReleaseFile(String suite, String codename, boolean acquireByHash, Map<String, IndexFile> sha256) {

    public record IndexFile(String path, long size, String sha256) {}

    public ReleaseFile {
        sha256 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
    }

    public static ReleaseFile parse(String what, String signedText) {
        List<Deb822.Paragraph> ps = Deb822.parse(what, signedText);
        if (ps.isEmpty()) {
            throw new ArchiveSignatureException(what + " has no Release fields");
        }
        Deb822.Paragraph p = ps.get(0);
        Map<String, IndexFile> files = new LinkedHashMap<>();
        for (String line : p.get("SHA256").orElse("").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3) {
                files.put(f[2], new IndexFile(f[2], Long.parseLong(f[1]), f[0]));
            }
        }
        if (files.isEmpty()) {
            throw new ArchiveSignatureException(what + " lists no SHA256 sums (apt refuses such a Release too)");
        }
        return new ReleaseFile(p.get("Suite").orElse(""), p.get("Codename").orElse(""),
                p.get("Acquire-By-Hash").map(v -> v.equalsIgnoreCase("yes")).orElse(false), files);
    }

    public Optional<IndexFile> file(String path) {
        return Optional.ofNullable(sha256.get(path));
    }

    /** apt's check that a mirror did not swap suites: the requested name is the Suite or the Codename. */
    public void requireSuite(String what, String requested) {
        if (!requested.equals(suite) && !requested.equals(codename)) {
            throw new ArchiveSignatureException(what + " is signed for suite '" + suite + "' (codename '" + codename
                    + "'), not the requested '" + requested + "'; refusing it");
        }
    }
}
