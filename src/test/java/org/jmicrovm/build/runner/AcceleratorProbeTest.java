package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.model.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorProbeTest {
    @TempDir
    Path root;

    private AcceleratorProbe host(String flags, boolean devKvm, boolean pvm) throws IOException {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "cpu MHz\t\t: 2596.140\nflags\t\t: fpu vme de pse tsc msr " + flags + " sse sse2\n\nprocessor\t: 1\n");
        if (devKvm) {
            Files.createDirectories(root.resolve("dev"));
            Files.writeString(root.resolve("dev/kvm"), "");
        }
        if (pvm) Files.createDirectories(root.resolve("sys/module/kvm_pvm"));
        return new AcceleratorProbe(root, "x86_64");
    }

    @Test
    void hardwareVirtualisationWithDevKvmMeansKvm() throws IOException {
        var a = host("vmx ept", true, false).resolve(Accelerator.Choice.AUTO, Platform.X86_64_LINUX, Optional.empty());
        assertThat(a.kind()).isEqualTo(Accelerator.Kind.KVM);
        assertThat(a.reason()).contains("/dev/kvm is usable");
    }

    @Test
    void pvmBackedDevKvmFallsBackToTcgAndSaysWhy() throws IOException {
        var a = host("hypervisor", true, true).resolve(Accelerator.Choice.AUTO, Platform.X86_64_LINUX, Optional.empty());
        assertThat(a.kind()).isEqualTo(Accelerator.Kind.TCG);
        assertThat(a.reason()).contains("PVM", "kvm_pvm", "stock kernels");
        assertThat(a.tscKhz()).hasValue(2596140);
    }

    @Test
    void missingDevKvmOrFlagsFallBackToTcg() throws IOException {
        assertThat(host("vmx", false, false).resolve(Accelerator.Choice.AUTO, Platform.X86_64_LINUX, Optional.empty()).reason())
            .contains("no /dev/kvm");
    }

    @Test
    void noVirtualisationFlagsFallBackToTcg() throws IOException {
        assertThat(host("hypervisor", true, false).resolve(Accelerator.Choice.AUTO, Platform.X86_64_LINUX, Optional.empty()).reason())
            .contains("no vmx or svm");
    }

    @Test
    void forcedChoicesAndTheSpecWin() throws IOException {
        var probe = host("svm", true, false);
        assertThat(probe.resolve(Accelerator.Choice.TCG, Platform.X86_64_LINUX, Optional.empty()).kind())
            .isEqualTo(Accelerator.Kind.TCG);
        assertThat(probe.resolve(Accelerator.Choice.AUTO, Platform.X86_64_LINUX, Optional.of("Skylake-Client")).reason())
            .contains("microvm.cpu");
        assertThat(probe.resolve(Accelerator.Choice.KVM, Platform.AARCH64_LINUX, Optional.empty()).reason())
            .contains("foreign architecture");
        var pvm = host("", true, true);
        var forced = pvm.resolve(Accelerator.Choice.KVM, Platform.X86_64_LINUX, Optional.empty());
        assertThat(forced.kind()).isEqualTo(Accelerator.Kind.KVM);
        assertThat(forced.reason()).contains("forces KVM", "although", "PVM");
    }

    @Test
    void environmentVariableIsParsedStrictly() {
        assertThat(Accelerator.Choice.fromEnvironment(Map.of())).isEqualTo(Accelerator.Choice.AUTO);
        assertThat(Accelerator.Choice.fromEnvironment(Map.of("MICROVM_ACCEL", "TCG"))).isEqualTo(Accelerator.Choice.TCG);
        assertThat(Accelerator.Choice.fromEnvironment(Map.of("MICROVM_ACCEL", "kvm"))).isEqualTo(Accelerator.Choice.KVM);
        assertThatThrownBy(() -> Accelerator.Choice.fromEnvironment(Map.of("MICROVM_ACCEL", "hvf")))
            .hasMessageContaining("MICROVM_ACCEL=hvf").hasMessageContaining("\"auto\", \"kvm\" or \"tcg\"");
    }

    @Test
    void thisPvmHostChoosesTcg() {
        assumeTrue(Files.isDirectory(Path.of("/sys/module/kvm_pvm")), "only on PVM hosts");
        var a = AcceleratorProbe.ofThisHost().resolve(Accelerator.Choice.AUTO, Platform.X86_64_LINUX, Optional.empty());
        assertThat(a.kind()).isEqualTo(Accelerator.Kind.TCG);
        assertThat(a.reason()).contains("PVM");
        assertThat(a.tscKhz()).isPresent();
    }
}
