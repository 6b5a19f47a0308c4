package org.jmicrovm.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.corpus.CorpusCase;
import org.jmicrovm.module.corpus.ExpectedError;
import org.jmicrovm.module.corpus.ModuleCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the module-system corpus ({@code src/test/resources/module}, see its README),
 * evaluated with jmicrovm's lib through the corpus' own {@code harness.nix} and compared with what
 * nixpkgs' lib gave under nix-instantiate: values as JSON text, errors with the corpus' rule
 * (each expected line occurs in our message, which may add positions and hints).
 */
class ModuleCorpusTest {

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
    Stream<DynamicTest> cases() {
        return tests(ModuleCorpus.cases());
    }

    @TestFactory
    Stream<DynamicTest> schemaCases() {
        return tests(ModuleCorpus.schemaCases());
    }

    private static Stream<DynamicTest> tests(List<CorpusCase> cases) {
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    static void run(CorpusCase c) {
        Path schemaDir = ModuleCorpus.schemaDir();
        String expr = "import " + ModuleCorpus.harness() + " { lib = nixpkgs.lib; caseDir = " + c.directory()
                + "; schemaDir = " + schemaDir + "; }";
        String out;
        try {
            Value v = system.nix().evalString(expr, c.directory());
            out = system.nix().toJson(v);
        } catch (NixException e) {
            if (c.outcome() != CorpusCase.Outcome.ERROR) {
                fail("expected a value but evaluation failed:\n" + e.render());
            }
            String message = normalize(e.getMessage(), c.directory(), schemaDir);
            List<String> missing = ExpectedError.parse(c.expected()).missingFrom(message);
            if (!missing.isEmpty()) {
                fail("error message lacks expected lines " + missing + "\n--- ours:\n" + message
                        + "\n--- expected:\n" + c.expected() + "\n--- full:\n" + e.render());
            }
            return;
        }
        if (c.outcome() != CorpusCase.Outcome.VALUE) {
            fail("expected an error but got " + out + "\nexpected error:\n" + c.expected());
        }
        assertThat(normalize(out, c.directory(), schemaDir)).isEqualTo(c.expected().strip());
    }

    /** The replacements regenerate.sh applies to the oracle's output. */
    static String normalize(String text, Path caseDir, Path schemaDir) {
        return text.replace(caseDir + "/", "").replace(schemaDir + "/", "schema:");
    }
}
