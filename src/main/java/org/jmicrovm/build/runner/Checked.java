package org.jmicrovm.build.runner;

import java.util.List;
import org.jmicrovm.model.MicroVmSpec;

/** The gate every plan passes: errors throw, the rest travel with the plan. */
final class Checked {
    private Checked() {}

    static List<Diagnostic> orThrow(Runner runner, MicroVmSpec spec) {
        List<Diagnostic> all = runner.check(spec);
        if (all.stream().anyMatch(Diagnostic::isError)) throw new RunnerException(spec.hostName(), all);
        return all;
    }
}
