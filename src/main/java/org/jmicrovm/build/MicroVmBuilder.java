package org.jmicrovm.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.build.disk.StoreDisk;
import org.jmicrovm.build.guest.GuestSystem;
import org.jmicrovm.build.initrd.Initrd;
import org.jmicrovm.build.initrd.ModuleSignature;
import org.jmicrovm.build.pkgs.DebianPackages;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.build.pkgs.Kernel;
import org.jmicrovm.build.pkgs.KernelFlavour;
import org.jmicrovm.build.pkgs.PackageRoot;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;

/**
 * Turns a MicroVM spec into store paths: kernel (chosen by the VM's features), initrd, guest
 * system and, with {@code storeOnDisk}, the store disk. Every step is a content-addressed store
 * build, so building an unchanged VM again only hashes its inputs.
 */
public final class MicroVmBuilder {
    private final DebianPackages packages;
    private final Optional<DebianPackageSet> guestPackages;

    /** A builder for guests that use busybox only. */
    public MicroVmBuilder(DebianPackages packages) {
        this(packages, Optional.empty());
    }

    /**
     * @param guestPackages Debian's archive as {@code pkgs}: {@code environment.systemPackages} and the
     *                      services' {@code path} become a merged root tree in the guest's store closure
     */
    public MicroVmBuilder(DebianPackages packages, Optional<DebianPackageSet> guestPackages) {
        this.packages = packages;
        this.guestPackages = guestPackages;
    }

    public BuiltMicroVm build(MicroVmSpec spec) {
        Store store = packages.store();
        GuestFeatures features = GuestFeatures.of(spec);
        KernelFlavour flavour = features.flavour(spec.name(), spec.boot().kernel());
        Kernel kernel = packages.kernel(flavour);
        StorePath busybox = packages.busybox();
        String storeDir = store.root().toString();
        StoreMount mount = StoreMount.of(spec, storeDir);
        List<String> wanted = new java.util.ArrayList<>(GuestSystem.debianPackages(spec));
        // a package only named in a string (${pkgs.python3}/bin/python3 in a script) runs inside the
        // merged root like any other, so its closure joins the guest's packages
        guestPackages.ifPresent(set -> set.packagesNamedIn(GuestSystem.configurationTexts(spec)).stream()
                .filter(n -> !wanted.contains(n)).forEach(wanted::add));
        Optional<PackageRoot> root = wanted.isEmpty() || guestPackages.isEmpty() ? Optional.empty()
                : Optional.of(guestPackages.get().root(wanted));
        StorePath toplevel = GuestSystem.build(store, spec, busybox, mount, root);
        Path initrd = spec.boot().initrdPath().map(Path::of)
                .orElseGet(() -> Initrd.file(Initrd.build(store, kernel, busybox, features.modules(flavour), features.lateModules(), mount,
                        ModuleSignature.enforced(spec.boot().kernelParams()))));
        Optional<Path> disk = Optional.empty();
        if (spec.store().storeOnDisk()) {
            disk = Optional.of(StoreDisk.build(store, spec.hostName(), List.of(toplevel), spec.store())
                    .resolve("store.img"));
        }
        return new BuiltMicroVm(spec, kernel, initrd, toplevel, disk, guestParams(spec), store.root());
    }

    /**
     * What jmicrovm adds to a guest's command line, unless the VM sets the parameter itself:
     * <ul>
     *   <li>{@code loglevel=4}, NixOS's {@code boot.consoleLogLevel} default. Informational kernel messages on
     *       the serial console slow a TCG boot down and can land in the middle of the guest's own console lines.
     *   <li>{@code cryptomgr.notests}: the kernel checks every crypto algorithm it registers against test vectors
     *       while it boots; under TCG that is ~0.4 s of the ~2.1 s a boot takes (on KVM a few ms). The checks
     *       find broken implementations, not attacks, and a kernel booted with {@code fips=1} runs them
     *       anyway (the parameter is ignored in FIPS mode).
     * </ul>
     */
    static List<String> guestParams(MicroVmSpec spec) {
        List<String> declared = spec.boot().kernelParams();
        boolean levelSet = declared.stream()
                .anyMatch(p -> p.startsWith("loglevel=") || p.equals("quiet") || p.equals("debug"));
        boolean testsSet = declared.stream().anyMatch(p -> p.startsWith("cryptomgr.notests"));
        List<String> params = new java.util.ArrayList<>();
        if (!levelSet) {
            params.add("loglevel=4");
        }
        if (!testsSet) {
            params.add("cryptomgr.notests");
        }
        return List.copyOf(params);
    }
}
