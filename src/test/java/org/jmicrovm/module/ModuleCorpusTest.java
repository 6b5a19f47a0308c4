package org.jmicrovm.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.eval.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the module-system corpus ({@code src/test/resources/module}, see its README),
 * evaluated with jmicrovm's lib through the corpus' own {@code harness.nix}, compared with what
 * nixpkgs' lib gave under nix-instantiate: values as JSON text, errors line by line (our messages
 * may add positions and hints, so each expected line must occur in ours).
 */
class ModuleCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/module").toAbsolutePath();
    static final Path SCHEMA_DIR = Path.of("src/main/resources/org/jmicrovm/module/schema").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModuleSystem system;

    @BeforeAll
    static void start() {
        system = ModuleSystem.create(EvalOptions.isolated().withTraceSink(line -> { }));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        return casesIn(CORPUS.resolve("cases"));
    }

    @TestFactory
    Stream<DynamicTest> schemaCases() throws IOException {
        return casesIn(CORPUS.resolve("schema-expected"));
    }

    private static Stream<DynamicTest> casesIn(Path dir) throws IOException {
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.exists(p.resolve("case.json"))).sorted().forEach(cases::add);
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
    }

    static void run(Path caseDir) throws IOException {
        JsonNode spec = JSON.readTree(caseDir.resolve("case.json").toFile());
        String expect = spec.path("expect").asText();
        String expr = "import " + CORPUS.resolve("harness.nix") + " { lib = nixpkgs.lib; caseDir = " + caseDir
                + "; schemaDir = " + SCHEMA_DIR + "; }";
        String out;
        try {
            Value v = system.nix().evalString(expr, caseDir);
            out = system.nix().toJson(v);
        } catch (NixException e) {
            if (!expect.equals("error")) {
                fail("expected a value but evaluation failed:\n" + e.render());
            }
            String message = normalize(e.getMessage(), caseDir);
            String expected = Files.readString(caseDir.resolve("expected-error.txt"));
            List<String> missing = new ArrayList<>();
            for (String line : expected.split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !message.contains(t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                fail("error message lacks expected lines " + missing + "\n--- ours:\n" + message
                        + "\n--- expected:\n" + expected + "\n--- full:\n" + e.render());
            }
            return;
        }
        if (!expect.equals("value")) {
            fail("expected an error but got " + out + "\nexpected error:\n" + Files.readString(caseDir.resolve("expected-error.txt")));
        }
        String expected = Files.readString(caseDir.resolve("expected.json")).strip();
        assertThat(normalize(out, caseDir)).isEqualTo(expected);
    }

    /** The replacements regenerate.sh applies to the oracle's output, plus dropping our positions. */
    static String normalize(String text, Path caseDir) {
        String s = text.replace(caseDir + "/", "").replace(SCHEMA_DIR + "/", "schema:");
        return s.replaceAll("(\\.nix):\\d+:\\d+", "$1");
    }
}
