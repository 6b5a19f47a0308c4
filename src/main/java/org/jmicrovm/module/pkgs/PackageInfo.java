package org.jmicrovm.module.pkgs;

import java.util.Objects;

/**
 * A package of the built-in package set as Nix code sees it before anything is built: its
 * attribute path in {@code pkgs}, name and version. The build layer turns the attribute path into
 * a store path.
 *
 * @param attrPath    where it sits in {@code pkgs}, e.g. {@code linux} or {@code linuxPackages.kernel}
 * @param pname       package name, e.g. {@code linux}
 * @param version     upstream version, e.g. {@code 6.1.192}
 * @param description one line for listings
 */
public record PackageInfo(String attrPath, String pname, String version, String description) {

    public PackageInfo {
        Objects.requireNonNull(attrPath, "attrPath");
        Objects.requireNonNull(pname, "pname");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
    }
}
