package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmicrovm.model.MicroVmSpec;
import org.junit.jupiter.api.Test;

/**
 * The host's TSC rate reaches a TCG guest's kernel command line when microvm-run starts, so that a host
 * whose "cpu MHz" moves (frequency scaling) builds the same runner every time.
 */
class TscAtStartTest {
    private static RunnerPlan plan(OptionalLong tscKhz) {
        MicroVmSpec spec = MicroVmSpec.builder("tsc").mem(256).build();
        var artefacts = new BuiltArtefacts("/k/bzImage", Optional.empty(), "/k/initrd", "/k/system",
                Optional.empty(), "/k", List.of());
        return Runner.planFor(spec, artefacts,
                RunnerContext.of("/runner", HostTools.debian12(), Accelerator.tcg("test", tscKhz)));
    }

    @Test
    void theRunnerIsTheSameWhateverTheRateWhenItWasBuilt() {
        List<String> slow = plan(OptionalLong.of(1_200_000)).command().stream().map(Arg::shellWord).toList();
        List<String> fast = plan(OptionalLong.of(3_400_123)).command().stream().map(Arg::shellWord).toList();
        assertThat(slow).isEqualTo(fast);
        assertThat(String.join(" ", slow)).contains("tsc_early_khz=$khz").doesNotContain("1200000");
    }

    @Test
    void theShellReadsTheRateFromCpuinfoAsTheKernelPrintsIt() throws Exception {
        String word = "\"a \\\"b\\\" \\$HOME" + Qemu.tscKhzAtStart(RunnerContext.of("/runner", HostTools.debian12(),
                Accelerator.tcg("test", OptionalLong.empty()))).replace("/proc/cpuinfo", "\"$1\"") + "\"";
        java.nio.file.Path cpuinfo = java.nio.file.Files.createTempFile("cpuinfo", "");
        try {
            java.nio.file.Files.writeString(cpuinfo, "processor\t: 0\ncpu MHz\t\t: 2596.140\n\nprocessor\t: 1\ncpu MHz\t\t: 3100.000\n");
            assertThat(expand(word, cpuinfo)).isEqualTo("a \"b\" $HOME tsc_early_khz=2596140");
            java.nio.file.Files.writeString(cpuinfo, "processor\t: 0\nBogoMIPS\t: 50.00\n");
            assertThat(expand(word, cpuinfo)).isEqualTo("a \"b\" $HOME");
        } finally {
            java.nio.file.Files.delete(cpuinfo);
        }
    }

    private static String expand(String word, java.nio.file.Path cpuinfo) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + word, "sh", cpuinfo.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
