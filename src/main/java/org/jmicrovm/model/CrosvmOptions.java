package org.jmicrovm.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code microvm.crosvm.*}.
 *
 * @param extraArgs appended to {@code crosvm run}
 * @param pivotRoot {@code --pivot-root} directory, created by {@code microvm-run}
 */
public record CrosvmOptions(List<String> extraArgs, Optional<String> pivotRoot) {
    public CrosvmOptions {
        extraArgs = Require.list(extraArgs, "microvm.crosvm.extraArgs");
        Require.optionalText(pivotRoot, "microvm.crosvm.pivotRoot");
    }

    public static CrosvmOptions defaults() {
        return new CrosvmOptions(List.of(), Optional.empty());
    }
}
