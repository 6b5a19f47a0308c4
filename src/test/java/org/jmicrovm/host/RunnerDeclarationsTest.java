package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jmicrovm.build.runner.RunnerLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerDeclarationsTest {

    @TempDir
    Path tmp;

    final RunnerDeclarations declarations = new RunnerDeclarations();

    Path runner(String name, String json) throws IOException {
        Path runner = tmp.resolve(name);
        Files.createDirectories(runner.resolve(RunnerLayout.DECLARATION).getParent());
        if (json != null) {
            Files.writeString(runner.resolve(RunnerLayout.DECLARATION), json);
        }
        return runner;
    }

    @Test
    void changesAreReadFromTheTwoRunners() throws IOException {
        Path a = runner("a", "{\"jmicrovm.declarationVersion\": 1, \"microvm.mem\": 256}");
        Path b = runner("b", "{\"jmicrovm.declarationVersion\": 1, \"microvm.mem\": 512}");
        assertThat(declarations.changes(a, b)).containsExactly("microvm.mem: 256 -> 512");
        assertThat(declarations.changes(a, runner("c", "{\"jmicrovm.declarationVersion\": 1, \"microvm.mem\": 256}")))
                .containsExactly("same declaration; the build differs (a package from the archive, the kernel, or jmicrovm)");
    }

    @Test
    void runnersThatCannotTellSaySoInsteadOfFailing() throws IOException {
        Path declared = runner("declared", "{\"jmicrovm.declarationVersion\": 1}");
        assertThat(declarations.changes(runner("old", null), declared)).singleElement().asString()
                .startsWith("(no details: ").contains("was built before runners recorded their declaration");
        assertThat(declarations.changes(declared, runner("foreign", null))).singleElement().asString()
                .contains("records no declaration");
        assertThat(declarations.changes(runner("v2", "{\"jmicrovm.declarationVersion\": 2}"), declared))
                .containsExactly("(no details: the runners record their declarations in different versions)");
        assertThat(declarations.changes(runner("broken", "{ not json"), declared)).singleElement().asString()
                .startsWith("(no details: ").contains("declaration.json cannot be read");
    }

    @Test
    void manyChangesAreCut() throws IOException {
        String before = IntStream.range(0, 40).mapToObj(i -> "\"o" + i + "\": 0").collect(Collectors.joining(", "));
        String after = IntStream.range(0, 40).mapToObj(i -> "\"o" + i + "\": 1").collect(Collectors.joining(", "));
        var lines = declarations.changes(runner("a", "{" + before + "}"), runner("b", "{" + after + "}"));
        assertThat(lines).hasSize(RunnerDeclarations.MOST);
        assertThat(lines.getLast()).isEqualTo("… and " + (40 - RunnerDeclarations.MOST + 1) + " more changes");
    }
}
