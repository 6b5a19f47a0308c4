package org.jmicrovm.build.runner;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot become a runner: carries every error found, not just the first. */
public final class RunnerException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public RunnerException(String hostName, List<Diagnostic> diagnostics) {
        super(diagnostics.stream().filter(Diagnostic::isError).map(d -> d.render(hostName))
            .collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** All diagnostics of the failed check, warnings included. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
