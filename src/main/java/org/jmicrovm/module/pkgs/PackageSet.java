package org.jmicrovm.module.pkgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.engine.NixValues;

/**
 * {@code import nixpkgs { system = …; }}: the package set of one system as a Nix value. It has what
 * NixOS modules read from {@code pkgs} ({@code system}, {@code lib}, {@code stdenv.hostPlatform},
 * {@code buildPackages}, {@code path}) and the catalogue's packages, each a derivation-shaped set
 * whose store path is only known once jmicrovm builds it. Packages a NixOS configuration commonly
 * names but jmicrovm does not provide are present and fail with an explanation when used.
 */
public final class PackageSet {

    /** The attribute that tells the build layer which built-in package a value is. */
    public static final String ATTR_PATH_MARKER = "jmicrovmAttrPath";

    /** Names NixOS and microvm.nix modules read that jmicrovm takes from the host or does not build. */
    private static final List<String> NOT_PROVIDED = List.of(
            "qemu", "qemu_kvm", "qemu-utils", "virtiofsd", "cloud-hypervisor", "cloud-hypervisor-graphics",
            "firecracker", "crosvm", "kvmtool", "stratovirt", "alioth", "vfkit", "socat", "hello", "coreutils",
            "bash", "openssh", "iproute2", "e2fsprogs", "erofs-utils", "squashfsTools", "systemd", "nix");

    /** Of those, the hypervisors and their helpers, which jmicrovm runs from the host (see HostTools). */
    private static final java.util.Set<String> HOST_TOOLS = java.util.Set.of(
            "qemu", "qemu_kvm", "virtiofsd", "cloud-hypervisor", "cloud-hypervisor-graphics", "firecracker",
            "crosvm", "kvmtool", "stratovirt", "alioth", "vfkit");

    private PackageSet() {}

    public static NixAttrs create(String system, Lazy lib, String path, PackageCatalogue catalogue) {
        NixAttrs[] self = new NixAttrs[1];
        Lazy selfLazy = NixValues.lazy(() -> self[0]);
        NixAttrs platform = platform(system);
        Map<String, Lazy> packages = new LinkedHashMap<>();
        for (String name : NOT_PROVIDED) {
            // Hypervisors are the host's tools, never a guest package: asking the catalogue would
            // load a whole archive index just to print the schema's defaults (microvm.qemu.package …).
            packages.put(name, HOST_TOOLS.contains(name) ? notProvided(system, name)
                    : NixValues.lazy(() -> catalogue.lookup(system, name)
                            .<Value>map(p -> derivation(system, p, catalogue))
                            .orElseGet(() -> {
                                String hint = hint(system, name, catalogue);
                                throw NixValues.thrown("not supported by jmicrovm: package `" + name
                                        + "' is not in the built-in package set (" + system + ")"
                                        + (hint == null ? "" : "; Debian's archive has no `" + name + "' either. "
                                                + hint));
                            })));
        }
        Map<String, Lazy> linuxPackages = new LinkedHashMap<>();
        linuxPackages.put("kernel", notProvided(system, "linuxPackages.kernel"));
        for (PackageInfo p : catalogue.packages(system)) {
            NixAttrs value = derivation(system, p, catalogue);
            packages.put(p.attrPath(), value);
            if (p.attrPath().equals("linux")) {
                linuxPackages.put("kernel", value);
            }
        }
        NixAttrs.Builder b = NixAttrs.builder(packages.size() + 16);
        packages.forEach(b::put);
        b.put("linuxPackages", attrs(linuxPackages));
        b.put("_type", NixString.ofText("pkgs"));
        b.put("system", NixValues.str(system));
        b.put("lib", lib);
        b.put("path", NixValues.str(path));
        b.put("hostPlatform", platform);
        b.put("buildPlatform", platform);
        b.put("targetPlatform", platform);
        b.put("stdenv", NixValues.attrs("hostPlatform", platform, "buildPlatform", platform,
                "targetPlatform", platform, "system", NixValues.str(system),
                "isLinux", platform.get("isLinux"), "isDarwin", platform.get("isDarwin")));
        b.put("buildPackages", selfLazy);
        b.put("pkgs", selfLazy);
        b.put("pkgsBuildBuild", selfLazy);
        b.put("pkgsBuildHost", selfLazy);
        b.put("pkgsHostTarget", selfLazy);
        for (String builder : List.of("callPackage", "writeText", "writeShellScript", "writeShellScriptBin",
                "writeScript", "runCommand", "symlinkJoin", "fetchurl", "fetchFromGitHub", "mkDerivation")) {
            b.put(builder, NixValues.lazy(() -> {
                throw NixValues.thrown("not supported by jmicrovm: pkgs." + builder
                        + " (jmicrovm builds guests from its own package set; it cannot build Nix derivations)");
            }));
        }
        Map<String, Lazy> unlisted = new java.util.HashMap<>();
        self[0] = b.build().withUnlisted(name -> unlisted.computeIfAbsent(name, n -> lookup(system, n, catalogue)),
                name -> hint(system, name, catalogue));
        return self[0];
    }

    /** A name the set does not list, asked of the catalogue (null when it has no such package). */
    private static Lazy lookup(String system, String name, PackageCatalogue catalogue) {
        java.util.Optional<PackageInfo> found;
        try {
            found = catalogue.lookup(system, org.jmicrovm.lang.eval.ByteStrings.toText(name));
        } catch (RuntimeException e) {
            throw NixValues.thrown("while looking up pkgs." + org.jmicrovm.lang.eval.ByteStrings.toText(name)
                    + " (" + system + "): " + e.getMessage());
        }
        return found.<Lazy>map(p -> derivation(system, p, catalogue)).orElse(null);
    }

    /** What the catalogue suggests for a name it has no package for; never fails the error it decorates. */
    private static String hint(String system, String name, PackageCatalogue catalogue) {
        try {
            return catalogue.hintFor(system, org.jmicrovm.lang.eval.ByteStrings.toText(name)).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static NixAttrs attrs(Map<String, Lazy> entries) {
        NixAttrs.Builder b = NixAttrs.builder(entries.size());
        entries.forEach(b::put);
        return b.build();
    }

    static NixAttrs platform(String system) {
        String arch = system.substring(0, system.indexOf('-'));
        String kernel = system.substring(system.indexOf('-') + 1);
        return NixValues.attrs(
                "system", NixValues.str(system),
                "config", NixValues.str(arch + "-unknown-" + kernel + (kernel.equals("linux") ? "-gnu" : "")),
                "isLinux", NixBool.of(kernel.equals("linux")),
                "isDarwin", NixBool.of(kernel.equals("darwin")),
                "isx86_64", NixBool.of(arch.equals("x86_64")),
                "isAarch64", NixBool.of(arch.equals("aarch64")),
                "is64bit", NixBool.TRUE,
                "linuxArch", NixValues.str(arch.equals("x86_64") ? "x86_64" : "arm64"));
    }

    /** A catalogue package as a derivation-shaped set (its store path exists only once built). */
    static NixAttrs derivation(String system, PackageInfo p, PackageCatalogue catalogue) {
        String name = p.pname() + "-" + p.version();
        Lazy unbuilt = NixValues.lazy(() -> {
            java.util.Optional<String> built = catalogue.outPath(system, p.attrPath());
            if (built.isPresent()) {
                return NixValues.str(built.get());
            }
            throw NixValues.thrown("not supported by jmicrovm: the store path of package `" + p.attrPath() + "' ("
                    + system + ") is only known once it is built (microvm-host build); configurations can name the"
                    + " package but not use its path");
        });
        return NixValues.attrs(
                "type", NixString.ofText("derivation"),
                "name", NixValues.str(name),
                "pname", NixValues.str(p.pname()),
                "version", NixValues.str(p.version()),
                "system", NixValues.str(system),
                "outputs", NixValues.list(NixString.ofText("out")),
                "outputName", NixString.ofText("out"),
                "outPath", unbuilt,
                "drvPath", NixValues.lazy(() -> {
                    throw NixValues.thrown("not supported by jmicrovm: derivations (drvPath of `" + p.attrPath() + "')");
                }),
                "meta", NixValues.attrs("description", NixValues.str(p.description())),
                ATTR_PATH_MARKER, NixValues.str(p.attrPath()));
    }

    private static Lazy notProvided(String system, String name) {
        return NixValues.lazy(() -> {
            throw NixValues.thrown("not supported by jmicrovm: package `" + name + "' is not in the built-in package set ("
                    + system + ")" + (name.startsWith("qemu") || name.equals("virtiofsd") || name.equals("cloud-hypervisor")
                    ? "; jmicrovm runs the hypervisor installed on the host" : ""));
        });
    }

    /** The attribute path of a built-in package value, or null if the value is not one. */
    public static String attrPathOf(Value v) {
        Lazy marker = NixValues.get(v, ATTR_PATH_MARKER);
        return marker != null && marker.force() instanceof NixString s ? s.text() : null;
    }

}
