package org.jmicrovm.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code microvm.virtiofsd.*}: options of every virtiofsd the runner starts.
 *
 * @param inodeFileHandles {@code never}, {@code prefer} or {@code mandatory}; empty = not passed
 * @param threadPoolSize   a number or a shell word such as {@code `nproc`}
 * @param group            {@code --socket-group}
 * @param extraArgs        global extra arguments
 */
public record VirtiofsdOptions(Optional<String> inodeFileHandles, String threadPoolSize, Optional<String> group,
                               List<String> extraArgs) {

    public VirtiofsdOptions {
        Require.optional(inodeFileHandles, "microvm.virtiofsd.inodeFileHandles").ifPresent(v -> {
            if (!List.of("never", "prefer", "mandatory").contains(v)) {
                throw new InvalidSpecException("microvm.virtiofsd.inodeFileHandles",
                    "\"" + v + "\" is not one of \"never\", \"prefer\", \"mandatory\"");
            }
        });
        Require.text(threadPoolSize, "microvm.virtiofsd.threadPoolSize");
        Require.optionalText(group, "microvm.virtiofsd.group");
        extraArgs = Require.list(extraArgs, "microvm.virtiofsd.extraArgs");
    }

    public static VirtiofsdOptions defaults() {
        return new VirtiofsdOptions(Optional.of("prefer"), "`nproc`", Optional.of("kvm"), List.of());
    }
}
