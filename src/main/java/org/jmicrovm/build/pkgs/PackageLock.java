package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lock file that pins every Debian package the built-in package set uses (architecture,
 * package, version, size, SHA-256, archive file name), so builds are reproducible and a changed
 * archive cannot change a guest unnoticed.
 */
public record PackageLock(String source, List<LockedDeb> packages) {
    public static final String BUILT_IN = "debian-bookworm.lock";

    public PackageLock {
        packages = List.copyOf(packages);
    }

    public static PackageLock builtIn() {
        try (InputStream in = PackageLock.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its package lock " + BUILT_IN);
            }
            return parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PackageLock parse(String source, String text) {
        List<LockedDeb> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 6 columns"
                        + " (architecture package version size sha256 filename), found " + f.length);
            }
            try {
                out.add(new LockedDeb(f[0], f[1], f[2], Long.parseLong(f[3]), f[4], f[5]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PackageLock(source, out);
    }

    public Optional<LockedDeb> find(String architecture, String name) {
        return packages.stream().filter(p -> p.architecture().equals(architecture) && p.name().equals(name))
                .findFirst();
    }

    public LockedDeb require(String architecture, String name) {
        return find(architecture, name).orElseThrow(() -> new IllegalArgumentException(
                "package " + name + " for " + architecture + " is not in the lock " + source
                        + "; add it (apt-cache show " + name + " gives version, size and SHA256)"));
    }
}
