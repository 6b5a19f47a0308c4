package org.jmicrovm.lang.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.jmicrovm.lang.ast.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Opt-in: parses every {@code .nix} file under {@code -Dnix.corpus=DIR} (e.g. a checkout of
 * nixpkgs' {@code lib}) with both parsers and compares the trees.
 *
 * <p>Nix prints the bindings of a {@code let} and the formals of a function in the order of
 * its symbol table, which depends on names it created before parsing (builtins). So where the
 * printed texts differ, both texts are parsed again and printed with names in alphabetical
 * order; only then must they be equal.
 */
class CorpusDifferentialTest {

    @TestFactory
    Stream<DynamicTest> corpusAgreesWithNix() throws Exception {
        String dir = System.getProperty("nix.corpus");
        assumeTrue(dir != null, "set -Dnix.corpus=DIR to compare a corpus of .nix files");
        assumeTrue(NixOracle.available(), "nix-instantiate is not installed");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(dir))) {
            files = walk.filter(p -> p.toString().endsWith(".nix")).sorted().toList();
        }
        NixOracle oracle = new NixOracle(Files.createTempDirectory("nix-corpus"));
        List<NixOracle.Outcome> expected = oracle.parse(files);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            NixOracle.Outcome nix = expected.get(i);
            tests.add(DynamicTest.dynamicTest(file.toString(), () -> {
                assumeTrue(!nix.failed() || !nix.error().startsWith("undefined variable"), "Nix checks variables");
                Source source = Source.ofFile(file, Files.readString(file));
                String ours;
                try {
                    ours = NixSyntax.show(Parser.parse(source, oracle.home()));
                } catch (ParseException e) {
                    assertThat(nix.failed()).as("we fail with %s", e.getMessage()).isTrue();
                    assertThat(e.getMessage()).isEqualTo(nix.error());
                    return;
                }
                assertThat(nix.failed()).as("Nix fails with %s", nix.error()).isFalse();
                if (!ours.equals(nix.printed())) {
                    String oursSorted = alphabetical(ours);
                    String nixSorted = alphabetical(nix.printed());
                    assumeTrue(oursSorted != null && nixSorted != null,
                            "the printed form cannot be read back (e.g. assert or a path with interpolation)");
                    assertThat(oursSorted).isEqualTo(nixSorted);
                }
            }));
        }
        return tests.stream();
    }

    /** Parses Nix's printed form and prints it again with names in alphabetical order; null if unreadable. */
    private static String alphabetical(String printed) {
        // "(/ + x)", Nix's form of /${x}, cannot be read back: make it a string on both sides.
        Source source = Source.ofString(printed.replace("(/ + ", "(\"/\" + "), Path.of("/"));
        TreeSet<String> names = new TreeSet<>();
        try {
            Lexer lexer = new Lexer(source);
            for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
                if (t.type() == TokenType.ID) {
                    names.add(t.text());
                }
            }
        } catch (ParseException e) {
            return null;
        }
        List<String> sorted = new ArrayList<>(names);
        ToIntFunction<String> rank = n -> Math.max(-1, Collections.binarySearch(sorted, n));
        try {
            return NixSyntax.show(Parser.parse(source, Path.of("/")), rank);
        } catch (ParseException e) {
            return null;
        }
    }
}
