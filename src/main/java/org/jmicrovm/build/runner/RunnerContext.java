package org.jmicrovm.build.runner;

import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a runner will be used, beyond the spec and the artefacts.
 *
 * @param runnerPath  the absolute path the runner directory will have once installed (its store path):
 *                    files the command line names (firecracker's config) are referred to below it
 * @param tools       host programs
 * @param accelerator qemu's accelerator (the other hypervisors are KVM-only and ignore it)
 * @param vmUser      owner of tap devices and macvtap character devices ({@code microvm} in microvm.nix);
 *                    empty leaves them owned by whoever runs {@code tap-up}
 * @param vmGroup     group of macvtap character devices ({@code kvm})
 */
public record RunnerContext(String runnerPath, HostTools tools, Accelerator accelerator, Optional<String> vmUser,
                            String vmGroup) {
    public RunnerContext {
        Objects.requireNonNull(runnerPath);
        if (!runnerPath.startsWith("/")) throw new IllegalArgumentException("runnerPath must be absolute: " + runnerPath);
        Objects.requireNonNull(tools);
        Objects.requireNonNull(accelerator);
        Objects.requireNonNull(vmUser);
        Objects.requireNonNull(vmGroup);
    }

    /** The microvm.nix conventions: devices owned by {@code microvm:kvm}. */
    public static RunnerContext of(String runnerPath, HostTools tools, Accelerator accelerator) {
        return new RunnerContext(runnerPath, tools, accelerator, Optional.of("microvm"), "kvm");
    }

    public RunnerContext withVmUser(Optional<String> user, String group) {
        return new RunnerContext(runnerPath, tools, accelerator, user, group);
    }

    String tool(HostTools.Tool t) {
        return tools.path(t);
    }
}
