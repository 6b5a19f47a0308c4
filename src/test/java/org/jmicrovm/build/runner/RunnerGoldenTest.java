package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.QemuOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the example VM's runner, per hypervisor, against src/test/resources/runners/golden/.
 * Regenerate with {@code -Djmicrovm.golden.update=true} and review the diff.
 */
class RunnerGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/runners/golden");
    static final boolean UPDATE = Boolean.getBoolean("jmicrovm.golden.update");

    record Case(String name, MicroVmSpec spec, RunnerContext ctx) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        var cases = new ArrayList<Case>();
        for (Hypervisor h : Hypervisor.values()) cases.add(new Case(h.nixName(), ExampleVm.spec(h), ExampleVm.context()));
        cases.add(new Case("qemu-tcg", ExampleVm.spec(Hypervisor.QEMU), ExampleVm.tcgContext()));
        MicroVmSpec arm = ExampleVm.spec(Hypervisor.QEMU).toBuilder().platform(Platform.AARCH64_LINUX)
            .qemu(QemuOptions.defaults(Platform.AARCH64_LINUX)).build();
        cases.add(new Case("qemu-aarch64", arm, ExampleVm.tcgContext()));
        return cases;
    }

    static Stream<Arguments> golden() {
        return cases().stream().map(Arguments::of);
    }

    static RunnerFiles render(Case c) {
        return new RunnerLayout(c.ctx()).render(c.spec(), ExampleVm.artefacts(c.spec()));
    }

    @ParameterizedTest
    @MethodSource("golden")
    void runnerMatchesGoldenFiles(Case c) throws IOException {
        RunnerFiles files = render(c);
        Path dir = GOLDEN.resolve(c.name());
        var actual = new ArrayList<String>();
        for (RunnerFiles.Entry e : files.entries()) {
            switch (e) {
                case RunnerFiles.File f -> actual.add(f.path() + (f.executable() ? " (executable)" : ""));
                case RunnerFiles.Symlink s -> actual.add(s.path() + " -> " + s.target());
            }
        }
        actual.add("");
        var expected = new ArrayList<String>();
        expected.add(join(actual));
        String command = files.plan().commandForDisplay();
        String diagnostics = files.plan().diagnostics().stream().map(d -> d.render(c.spec().hostName()))
            .reduce("", (a, b) -> a + b + "\n");
        if (UPDATE) {
            if (Files.isDirectory(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("LAYOUT"), join(actual));
            Files.writeString(dir.resolve("COMMAND"), command);
            Files.writeString(dir.resolve("DIAGNOSTICS"), diagnostics);
            for (RunnerFiles.Entry e : files.entries()) {
                if (e instanceof RunnerFiles.File f) {
                    Path p = dir.resolve("tree").resolve(f.path());
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, f.content());
                }
            }
        }
        assertThat(Files.readString(dir.resolve("LAYOUT"))).as("layout of %s", c).isEqualTo(join(actual));
        assertThat(Files.readString(dir.resolve("COMMAND"))).as("command of %s", c).isEqualTo(command);
        assertThat(Files.readString(dir.resolve("DIAGNOSTICS"))).as("diagnostics of %s", c).isEqualTo(diagnostics);
        for (RunnerFiles.Entry e : files.entries()) {
            if (e instanceof RunnerFiles.File f) {
                assertThat(Files.readString(dir.resolve("tree").resolve(f.path()))).as("%s of %s", f.path(), c)
                    .isEqualTo(f.content());
            }
        }
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines);
    }
}
