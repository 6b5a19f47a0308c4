package org.jmicrovm.host.plan;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jmicrovm.state.VmName;

/**
 * A VM as the host configuration wants it after the build: the runner the host built for it,
 * and how the seed's two modes install it.
 */
public sealed interface DesiredVm {

    VmName name();

    /** The runner store path the host built for this VM. */
    Path runner();

    /** Whether a switch restarts a running instance whose runner changed. */
    boolean restartIfChanged();

    /**
     * Fully declarative ({@code config} or {@code evaluatedConfig}): {@code current} and
     * {@code toplevel} follow the host configuration on every switch.
     */
    record FullyDeclarative(VmName name, Path runner, Path toplevel, boolean restartIfChanged)
            implements DesiredVm {
        public FullyDeclarative {
            Objects.requireNonNull(name);
            Objects.requireNonNull(runner);
            Objects.requireNonNull(toplevel);
        }
    }

    /**
     * Declarative deployment from a flake. Without {@code updateFlake}, every switch resets
     * {@code current} to the host's build and writes the flake's path to {@code flake}. With
     * it, the directory is created only if it does not exist, and a switch never touches it
     * afterwards: updates come from {@code microvm -u}.
     */
    record FlakeDeployment(VmName name, Path runner, String flake, Optional<String> updateFlake,
                           boolean restartIfChanged) implements DesiredVm {
        public FlakeDeployment {
            Objects.requireNonNull(name);
            Objects.requireNonNull(runner);
            Objects.requireNonNull(flake);
            Objects.requireNonNull(updateFlake);
        }

        /** The flakeref written to {@code S/<name>/flake}. */
        public String flakeRefToWrite() {
            return updateFlake.orElse(flake);
        }
    }
}
