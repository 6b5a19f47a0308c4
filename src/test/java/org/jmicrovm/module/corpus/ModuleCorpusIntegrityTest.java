package org.jmicrovm.module.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the corpus itself, so that a hand edit that breaks a case is caught before the module
 * system is blamed: every case names existing files, has exactly the expected file its
 * {@code expect} announces, and carries no machine-specific paths; and the corpus covers what
 * issue 3 asks for.
 */
class ModuleCorpusIntegrityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Where a checkout or the oracle's lib lived when the expectations were written; such paths
    // would tie an expectation to one machine (regenerate.sh strips the case directory).
    private static final Pattern MACHINE_PATH =
            Pattern.compile("/work/|src/test/resources|test-classes|nixpkgs-lib|<lib>/");

    static Stream<CorpusCase> allCases() {
        return Stream.concat(ModuleCorpus.cases().stream(), ModuleCorpus.schemaCases().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void caseIsWellFormed(CorpusCase corpusCase) {
        assertThat(corpusCase.description()).as("description of %s", corpusCase.name()).isNotBlank();
        assertThat(corpusCase.modules().isEmpty())
                .as("%s needs either modules or expr", corpusCase.name())
                .isEqualTo(corpusCase.expr().isPresent());
        for (String file : corpusCase.referencedFiles()) {
            assertThat(corpusCase.resolve(file, ModuleCorpus.schemaDir()))
                    .as("file %s of %s", file, corpusCase.name())
                    .isRegularFile();
        }
        String other = corpusCase.outcome() == CorpusCase.Outcome.VALUE ? "expected-error.txt" : "expected.json";
        assertThat(corpusCase.directory().resolve(other)).as("stale %s in %s", other, corpusCase.name()).doesNotExist();
        assertThat(corpusCase.expected()).as("expected output of %s", corpusCase.name())
                .endsWith("\n")
                .doesNotContainPattern(MACHINE_PATH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void expectedValueIsJsonAndExpectedErrorIsText(CorpusCase corpusCase) throws IOException {
        switch (corpusCase.outcome()) {
            case VALUE -> assertThat(JSON.readTree(corpusCase.expected())).isNotNull();
            case ERROR -> assertThat(ExpectedError.parse(corpusCase.expected()).lines()).isNotEmpty();
        }
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(ModuleCorpus.cases()).hasSizeGreaterThanOrEqualTo(170);
        assertThat(ModuleCorpus.cases()).filteredOn(c -> c.outcome() == CorpusCase.Outcome.ERROR)
                .hasSizeGreaterThanOrEqualTo(60);
        assertThat(ModuleCorpus.schemaCases()).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void everyTypeOfIssue3IsExercised() {
        String corpusText = nixText(ModuleCorpus.root().resolve("cases"));
        List<String> types = List.of("bool", "int", "ints.positive", "ints.unsigned", "ints.between", "ints.u8",
                "ints.u16", "ints.u32", "ints.s32", "port", "float", "number", "str", "nonEmptyStr", "strMatching",
                "lines", "commas", "separatedString", "path", "package", "anything", "unspecified", "raw", "attrs",
                "enum", "nullOr", "listOf", "attrsOf", "lazyAttrsOf", "submodule", "submoduleWith", "either", "oneOf",
                "coercedTo", "uniq", "functionTo", "deferredModule");
        for (String type : types) {
            assertThat(corpusText).as("a case using types.%s", type).containsPattern("types\\." + Pattern.quote(type) + "\\b");
        }
    }

    @Test
    void everyMergeFunctionOfIssue3IsExercised() {
        String corpusText = nixText(ModuleCorpus.root().resolve("cases"));
        for (String function : List.of("mkOverride", "mkDefault", "mkOptionDefault", "mkForce", "mkIf", "mkMerge",
                "mkOrder", "mkBefore", "mkAfter", "mkEnableOption", "mkPackageOption", "mkRenamedOptionModule",
                "mkRemovedOptionModule", "disabledModules", "_file", "imports", "specialArgs", "apply", "readOnly",
                "genAttrs", "mapAttrs'", "nameValuePair", "filterAttrs", "attrByPath", "setAttrByPath",
                "recursiveUpdate", "optional", "optionals", "optionalString", "optionalAttrs", "concatMapStringsSep",
                "concatStrings", "hasPrefix", "hasSuffix", "removePrefix", "splitString", "toUpper", "toLower",
                "flatten", "unique", "range", "zipListsWith", "foldr", "imap0", "imap1", "any", "all", "last",
                "init", "literalExpression", "versionAtLeast")) {
            assertThat(corpusText).as("a case using %s", function).contains(function);
        }
    }

    private static String nixText(Path directory) {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".nix") || f.endsWith("case.json")).toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
