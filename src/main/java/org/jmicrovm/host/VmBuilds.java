package org.jmicrovm.host;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jmicrovm.build.BuiltMicroVm;
import org.jmicrovm.build.MicroVmBuilder;
import org.jmicrovm.build.RunnerBuild;
import org.jmicrovm.build.guest.GuestSystem;
import org.jmicrovm.build.pkgs.DebCache;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.build.pkgs.DebianPackages;
import org.jmicrovm.build.pkgs.PackageLock;
import org.jmicrovm.build.pkgs.Progress;
import org.jmicrovm.build.runner.Accelerator;
import org.jmicrovm.build.runner.AcceleratorProbe;
import org.jmicrovm.build.runner.HostTools;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;
import org.jmicrovm.supervise.HypervisorUser;

/**
 * Builds a VM for the host: guest system, kernel, initrd, store disk, and the runner, all in
 * the store. The accelerator is chosen here (KVM where it works, TCG otherwise, or as
 * {@code MICROVM_ACCEL} forces), and said once per build.
 */
public final class VmBuilds {

    /** A built VM: what {@code current} and {@code toplevel} will point at. */
    public record Built(MicroVmSpec spec, StorePath runner, StorePath toplevel, Accelerator accelerator) {}

    private final Store store;
    private final Map<String, String> environment;
    private final Consumer<String> progress;
    private final Optional<HostPackages> guestPackages;
    private final Map<String, DebianPackages> packagesBySystem = new java.util.HashMap<>();

    /** Builds for guests without Debian packages (a guest naming one fails, saying so). */
    public VmBuilds(Store store, Map<String, String> environment, Consumer<String> progress) {
        this(store, environment, progress, Optional.empty());
    }

    /**
     * @param guestPackages the Debian package sets {@code pkgs.<name>} came from while evaluating: a
     *                      guest's {@code environment.systemPackages} become its package root
     */
    public VmBuilds(Store store, Map<String, String> environment, Consumer<String> progress,
                    Optional<HostPackages> guestPackages) {
        this.store = store;
        this.environment = environment;
        this.progress = progress;
        this.guestPackages = guestPackages;
    }

    public Built build(MicroVmSpec spec) {
        String system = spec.platform().nixSystem();
        // the package set is only opened (lock read, archive possibly loaded) for a guest that has packages
        Optional<DebianPackageSet> debian = GuestSystem.debianPackages(spec).isEmpty() ? Optional.empty()
                : guestPackages.map(p -> p.forSystem(system));
        BuiltMicroVm guest = new MicroVmBuilder(packages(system), debian).build(spec);
        Accelerator accelerator = AcceleratorProbe.ofThisHost()
                .resolve(Accelerator.Choice.fromEnvironment(environment), spec);
        // tap devices are made for the user the hypervisor will run as (see HypervisorUser)
        Optional<HypervisorUser> runAs = HypervisorUser.detect(environment);
        StorePath runner = RunnerBuild.build(store, guest, HostTools.detect(environment), accelerator,
                runAs.map(HypervisorUser::user), runAs.map(HypervisorUser::group).orElse("kvm"));
        return new Built(spec, runner, guest.toplevel(), accelerator);
    }

    private DebianPackages packages(String system) {
        return packagesBySystem.computeIfAbsent(system, s -> {
            boolean root = "root".equals(System.getProperty("user.name"));
            Progress sink = progress::accept;
            DebCache cache = new DebCache(DebCache.defaultLocation(environment, root), sink);
            return new DebianPackages(store, PackageLock.builtIn(), cache, s, sink);
        });
    }
}
