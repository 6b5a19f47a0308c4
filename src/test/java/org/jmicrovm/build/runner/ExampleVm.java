package org.jmicrovm.build.runner;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;
import org.jmicrovm.model.Vsock;
import org.jmicrovm.model.GuestStore;

/**
 * The example VM of reference §6.1 (a virtiofs store share, a 9p share, a volume, a tap and a user
 * interface, vsock), adapted per hypervisor the way the reference adapts it: what a hypervisor refuses is
 * left out, kvmtool gets its store share over 9p, firecracker boots from a store disk.
 */
final class ExampleVm {
    static final String STORE = "/jmicrovm/store";
    static final BuiltArtefacts ARTEFACTS = new BuiltArtefacts(
        STORE + "/0a1b2c-linux-6.1.0-56/bzImage", Optional.of(STORE + "/0a1b2c-linux-6.1.0-56/vmlinux"),
        STORE + "/3d4e5f-initrd-my-vm/initrd", STORE + "/6a7b8c-guest-system-my-vm",
        Optional.empty(), STORE, List.of("loglevel=4", "cryptomgr.notests"));
    static final BuiltArtefacts WITH_STORE_DISK = new BuiltArtefacts(ARTEFACTS.kernelImage(), ARTEFACTS.kernelElf(),
        ARTEFACTS.initrd(), ARTEFACTS.toplevel(), Optional.of(STORE + "/9d8e7f-store-disk-my-vm/store.erofs"),
        STORE, ARTEFACTS.kernelParams());
    static final String RUNNER_PATH = STORE + "/1f2e3d-microvm-runner-my-vm";

    private ExampleVm() {}

    static Share roStore(Share.Proto proto) {
        return Share.of(proto, "ro-store", "/nix/store", "/nix/.ro-store",
            proto == Share.Proto.VIRTIOFS ? Optional.of("my-vm-virtiofs-ro-store.sock") : Optional.empty());
    }

    static Share data() {
        return Share.of(Share.Proto.NINE_P, "data", "data", "/data", Optional.empty());
    }

    static MicroVmSpec.Builder base(Hypervisor h) {
        return MicroVmSpec.builder("my-vm").hypervisor(h).vcpu(2).mem(1024).vsock(Vsock.cid(3))
            .machineId("6d1a0c1e-5a7e-4b4f-8d2b-0f3c1c1a9e11")
            .kernelParams("8250.nr_uarts=1")
            .volume(Volume.of("var.img", "/var", 1024));
    }

    static MicroVmSpec spec(Hypervisor h) {
        var b = base(h);
        var tap = NetInterface.tap("vm-my", "02:00:00:00:00:01");
        var user = NetInterface.user("usernet", "02:00:00:00:00:02");
        return switch (h) {
            case QEMU -> b.share(roStore(Share.Proto.VIRTIOFS)).share(data()).iface(tap).iface(user).build();
            case KVMTOOL -> b.share(roStore(Share.Proto.NINE_P)).share(data()).iface(tap).iface(user).build();
            case CROSVM -> b.share(roStore(Share.Proto.VIRTIOFS)).share(data()).iface(tap).build();
            case CLOUD_HYPERVISOR, STRATOVIRT, ALIOTH -> b.share(roStore(Share.Proto.VIRTIOFS)).iface(tap).build();
            case FIRECRACKER -> b.store(GuestStore.onErofsDisk()).iface(tap).build();
        };
    }

    static final BuiltArtefacts AARCH64 = new BuiltArtefacts(STORE + "/4c5d6e-linux-6.1.0-56-arm64/Image",
        Optional.empty(), STORE + "/7e8f9a-initrd-my-vm/initrd", ARTEFACTS.toplevel(), Optional.empty(), STORE,
        ARTEFACTS.kernelParams());

    static BuiltArtefacts artefacts(MicroVmSpec spec) {
        if (spec.platform() == org.jmicrovm.model.Platform.AARCH64_LINUX) return AARCH64;
        return spec.store().storeOnDisk() ? WITH_STORE_DISK : ARTEFACTS;
    }

    static RunnerContext context() {
        return RunnerContext.of(RUNNER_PATH, HostTools.debian12(), Accelerator.kvm("golden files use KVM"));
    }

    static RunnerContext tcgContext() {
        return RunnerContext.of(RUNNER_PATH, HostTools.debian12(),
            Accelerator.tcg("golden TCG variant", OptionalLong.of(2596140)));
    }
}
