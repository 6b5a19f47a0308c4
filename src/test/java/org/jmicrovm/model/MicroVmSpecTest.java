package org.jmicrovm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MicroVmSpecTest {

    @Test
    void vfkitIsRejectedWithAReasonAndUnknownNamesListTheChoices() {
        assertThatThrownBy(() -> Hypervisor.fromNixName("vfkit"))
            .isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("microvm.hypervisor")
            .hasMessageContaining("not supported by jmicrovm")
            .hasMessageContaining("macOS");
        assertThatThrownBy(() -> Hypervisor.fromNixName("xen"))
            .hasMessageContaining("\"cloud-hypervisor\"");
        for (Hypervisor h : Hypervisor.values()) assertThat(Hypervisor.fromNixName(h.nixName())).isEqualTo(h);
    }

    @Test
    void typeLevelViolationsNameTheOption() {
        assertThatThrownBy(() -> Resources.of(0, 512)).hasMessageStartingWith("microvm.vcpu:");
        assertThatThrownBy(() -> Volume.of("a.img", "/a", -1)).hasMessageStartingWith("microvm.volumes.*.size:");
        assertThatThrownBy(() -> Share.of(Share.Proto.NINE_P, "", "/x", "/y", Optional.empty()))
            .hasMessageStartingWith("microvm.shares.*.tag:");
        assertThatThrownBy(() -> Share.Proto.fromNixName("nfs")).hasMessageContaining("\"9p\", \"virtiofs\"");
        assertThatThrownBy(() -> MicroVmSpec.builder("a/b").build()).hasMessageContaining("directory name");
        assertThatThrownBy(() -> new GuestOs.IpAddress("10.0.0.1", 33)).hasMessageContaining("0..32");
    }

    @Test
    void recordsCopyTheirCollections() {
        var params = new ArrayList<>(List.of("quiet"));
        var boot = new Boot("linux", Optional.empty(), params);
        params.add("debug");
        assertThat(boot.kernelParams()).containsExactly("quiet");
        assertThatThrownBy(() -> boot.kernelParams().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void firecrackerJsonOptionsRefuseNonJsonValues() {
        assertThatThrownBy(() -> new FirecrackerOptions(Optional.empty(), FirecrackerOptions.DriveIoEngine.SYNC,
            List.of(), Map.of("x", new Object())))
            .hasMessageContaining("microvm.firecracker.extraConfig.x");
    }

    @Test
    void builderGivesTheSocketAfterTheHostNameUnlessSetExplicitly() {
        var spec = MicroVmSpec.builder("web").hostName("web-host").build();
        assertThat(spec.socket()).contains("web-host.sock");
        assertThat(spec.graphics().socket()).isEqualTo("web-host-gpu.sock");
        assertThat(MicroVmSpec.builder("web").socket(null).build().socket()).isEmpty();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }
}
