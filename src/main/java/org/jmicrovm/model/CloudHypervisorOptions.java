package org.jmicrovm.model;

import java.util.List;

/**
 * {@code microvm.cloud-hypervisor.*}.
 *
 * @param platformOemStrings {@code --platform oem_strings=[…]} entries
 * @param extraArgs          appended; {@code --vsock}, {@code --platform} and {@code --cpus} in it are merged
 */
public record CloudHypervisorOptions(List<String> platformOemStrings, List<String> extraArgs) {
    public CloudHypervisorOptions {
        platformOemStrings = Require.list(platformOemStrings, "microvm.cloud-hypervisor.platformOEMStrings");
        extraArgs = Require.list(extraArgs, "microvm.cloud-hypervisor.extraArgs");
    }

    public static CloudHypervisorOptions defaults() {
        return new CloudHypervisorOptions(List.of(), List.of());
    }
}
