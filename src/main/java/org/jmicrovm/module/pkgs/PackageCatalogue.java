package org.jmicrovm.module.pkgs;

import java.util.List;

/**
 * What the built-in package set offers per system. The Debian package layer provides the real
 * catalogue; configurations only see names, versions and attribute paths, so the set can be
 * evaluated without building or fetching anything.
 */
public interface PackageCatalogue {

    /** The packages of {@code system} (e.g. {@code x86_64-linux}); empty when the system has none. */
    List<PackageInfo> packages(String system);

    /** Systems a package set can be instantiated for. */
    List<String> systems();
}
