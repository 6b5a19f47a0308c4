package org.jmicrovm.model;

/** The per-hypervisor option groups of §2.7; each runner reads only its own. */
public record HypervisorOptions(QemuOptions qemu, CloudHypervisorOptions cloudHypervisor, CrosvmOptions crosvm,
                                FirecrackerOptions firecracker) {
    public HypervisorOptions {
        Require.present(qemu, "microvm.qemu");
        Require.present(cloudHypervisor, "microvm.cloud-hypervisor");
        Require.present(crosvm, "microvm.crosvm");
        Require.present(firecracker, "microvm.firecracker");
    }

    public static HypervisorOptions defaults(Platform platform) {
        return new HypervisorOptions(QemuOptions.defaults(platform), CloudHypervisorOptions.defaults(),
            CrosvmOptions.defaults(), FirecrackerOptions.defaults());
    }

    public HypervisorOptions withQemu(QemuOptions q) {
        return new HypervisorOptions(q, cloudHypervisor, crosvm, firecracker);
    }
}
