package org.jmicrovm.host;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.module.pkgs.BuiltinPackages;
import org.jmicrovm.module.pkgs.PackageCatalogue;
import org.jmicrovm.module.pkgs.PackageInfo;

/**
 * {@code pkgs} of a host configuration: jmicrovm's own kernels and busybox (which the guest builder
 * provides itself), and every other name a Debian package of the system's architecture. Debian names
 * are not listed (the archive has tens of thousands); each is looked up when Nix code asks for it, in
 * the lock first, so a configuration whose packages are all locked never loads the archive's index.
 * A package's {@code outPath} is its own unpacked store path, made when Nix code uses it as a string.
 */
public final class DebianCatalogue implements PackageCatalogue {
    private final BuiltinPackages builtins = new BuiltinPackages();
    private final Function<String, DebianPackageSet> packageSets;

    /** @param packageSets the package set of a Nix system, opened on first use */
    public DebianCatalogue(Function<String, DebianPackageSet> packageSets) {
        this.packageSets = packageSets;
    }

    @Override
    public List<PackageInfo> packages(String system) {
        return builtins.packages(system);
    }

    @Override
    public List<String> systems() {
        return builtins.systems();
    }

    @Override
    public Optional<PackageInfo> lookup(String system, String name) {
        if (isBuiltin(system, name)) {
            return Optional.empty();
        }
        return packageSets.apply(system).find(name).map(p -> new PackageInfo(name, p.name(), p.version(),
                "Debian bookworm package " + p.name() + " (" + p.architecture() + ")"));
    }

    @Override
    public Optional<String> hintFor(String system, String name) {
        return packageSets.apply(system).hintFor(name);
    }

    @Override
    public Optional<String> outPath(String system, String attrPath) {
        if (isBuiltin(system, attrPath)) {
            return Optional.empty(); // the guest builder picks the kernel flavour and busybox itself
        }
        return Optional.of(packageSets.apply(system).outPath(attrPath).path().toString());
    }

    private boolean isBuiltin(String system, String name) {
        Set<String> names = builtins.packages(system).stream().map(PackageInfo::attrPath).collect(Collectors.toSet());
        return names.contains(name);
    }
}
