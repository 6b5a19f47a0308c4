package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.model.MicroVmSpec;

/** The guest kernel command line: the hypervisor's console and reboot parameters, then the guest's own. */
final class KernelCommandLine {
    private KernelCommandLine() {}

    static String compose(List<String> hypervisorParams, MicroVmSpec spec, BuiltArtefacts artefacts,
                          List<String> trailing) {
        var params = new ArrayList<String>(hypervisorParams);
        params.addAll(spec.boot().kernelParams());
        params.addAll(artefacts.kernelParams());
        boolean hasInit = params.stream().anyMatch(p -> p.startsWith("init="));
        if (!hasInit) params.add("init=" + artefacts.toplevel() + "/init");
        params.addAll(trailing);
        return String.join(" ", params.stream().filter(p -> !p.isEmpty()).toList());
    }
}
