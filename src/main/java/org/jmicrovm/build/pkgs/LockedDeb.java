package org.jmicrovm.build.pkgs;

import java.util.Objects;
import java.util.regex.Pattern;

/** One pinned Debian package file: what to fetch and the SHA-256 it must have. */
public record LockedDeb(String architecture, String name, String version, long size, String sha256,
                        String filename) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LockedDeb {
        Objects.requireNonNull(architecture);
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(filename);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
    }

    /** The version without its epoch, as it appears in file and store names. */
    public String versionWithoutEpoch() {
        int colon = version.indexOf(':');
        return colon < 0 ? version : version.substring(colon + 1);
    }

    /** The name apt gives the downloaded file ({@code :} escaped as {@code %3a}). */
    public String aptFileName() {
        return name + "_" + version.replace(":", "%3a") + "_" + architecture + ".deb";
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + architecture + ")";
    }
}
