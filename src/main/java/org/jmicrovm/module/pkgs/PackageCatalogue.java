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

    /**
     * The store path of a package, made on demand (e.g. by unpacking its .deb into the store), or empty
     * when this catalogue only describes packages (evaluation without building). Called when Nix code
     * uses a package as a path ({@code "${pkgs.busybox}/bin/sh"}).
     */
    default java.util.Optional<String> outPath(String system, String attrPath) {
        return java.util.Optional.empty();
    }

    /**
     * A package {@link #packages} does not list, looked up by its attribute name when Nix code asks
     * for it (e.g. {@code pkgs."g++"}); empty when there is no such package. Catalogues too large to
     * list (Debian's archive) answer here, so only the names a configuration uses cost anything.
     */
    default java.util.Optional<PackageInfo> lookup(String system, String name) {
        return java.util.Optional.empty();
    }

    /**
     * For a name {@link #lookup} does not know: one line saying what the user may have meant (packages with
     * a close name, or those providing a virtual name), or empty.
     */
    default java.util.Optional<String> hintFor(String system, String name) {
        return java.util.Optional.empty();
    }
}
