package org.jmicrovm.host.plan;

import java.nio.file.Path;
import java.util.Optional;
import org.jmicrovm.state.VmName;

/**
 * What is on the host for one VM name right now: its directory and links, whether an
 * instance runs, and whether the previous switch declared it.
 */
public record ObservedVm(VmName name, boolean directoryExists, Optional<Path> current, Optional<Path> booted,
                         Optional<Path> toplevel, Optional<String> flakeRef, boolean running,
                         boolean declaredBefore) {

    /** Nothing at all for this name. */
    public static ObservedVm absent(VmName name) {
        return new ObservedVm(name, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false);
    }
}
