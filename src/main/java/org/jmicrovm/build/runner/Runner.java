package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;

/**
 * Turns a spec into a {@link RunnerPlan} for one hypervisor. {@link #check} collects every evaluation-time
 * error and warning; {@link #plan} refuses a spec with errors ({@link RunnerException}) and otherwise
 * describes the runner as data.
 */
public sealed interface Runner permits Qemu, CloudHypervisor, Firecracker, Crosvm, Kvmtool, Stratovirt, Alioth {

    Hypervisor hypervisor();

    /** What this hypervisor does with each {@link Feature} for guests of {@code platform}. */
    Map<Feature, Support> support(Platform platform);

    /** Rules of this hypervisor that the support table cannot express. */
    default List<Diagnostic> specificChecks(MicroVmSpec spec) {
        return List.of();
    }

    RunnerPlan plan(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext context);

    /** All findings for {@code spec} with this hypervisor: guest assertions, support matrix, specifics. */
    default List<Diagnostic> check(MicroVmSpec spec) {
        var out = new ArrayList<Diagnostic>(GuestAssertions.check(spec));
        out.addAll(SupportCheck.check(spec, hypervisor(), support(spec.platform())));
        out.addAll(specificChecks(spec));
        return out;
    }

    static Runner of(Hypervisor hypervisor) {
        return switch (hypervisor) {
            case QEMU -> new Qemu();
            case CLOUD_HYPERVISOR -> new CloudHypervisor();
            case FIRECRACKER -> new Firecracker();
            case CROSVM -> new Crosvm();
            case KVMTOOL -> new Kvmtool();
            case STRATOVIRT -> new Stratovirt();
            case ALIOTH -> new Alioth();
        };
    }

    /** The plan of the runner {@code spec.hypervisor()} selects. */
    static RunnerPlan planFor(MicroVmSpec spec, BuiltArtefacts artefacts, RunnerContext context) {
        return of(spec.hypervisor()).plan(spec, artefacts, context);
    }
}
