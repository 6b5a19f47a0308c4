package org.jmicrovm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark under bench/ is not run by the tests, but it is compiled against the current code, so
 * a change of the APIs it uses shows here rather than the next time someone measures.
 */
class BenchSourcesCompileTest {
    @TempDir
    Path out;

    @Test
    void theBootBenchmarkCompiles() throws Exception {
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("bench/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertThat(sources).isNotEmpty();
        List<String> args = new ArrayList<>(List.of("--release", "21", "-Xlint:all", "-Werror",
                "-cp", System.getProperty("java.class.path"), "-d", out.toString()));
        args.addAll(sources);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(status).as(diagnostics.toString()).isZero();
        assertThat(out.resolve("org/jmicrovm/bench/BootBench.class")).exists();
    }
}
