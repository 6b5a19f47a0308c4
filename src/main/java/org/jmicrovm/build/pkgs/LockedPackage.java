package org.jmicrovm.build.pkgs;

import java.util.List;
import java.util.Objects;

/**
 * One package of a configuration's lock: the file ({@link LockedDeb}), the archive it came from,
 * and the packages chosen for its Depends/Pre-Depends, so closures need no archive metadata.
 */
public record LockedPackage(LockedDeb deb, String archive, List<String> depends) {
    public LockedPackage {
        Objects.requireNonNull(deb);
        Objects.requireNonNull(archive);
        depends = List.copyOf(depends);
    }

    public String name() {
        return deb.name();
    }
}
