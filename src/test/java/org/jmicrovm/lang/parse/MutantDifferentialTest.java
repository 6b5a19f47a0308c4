package org.jmicrovm.lang.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jmicrovm.lang.ast.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random edits of valid programs, given to both parsers: Nix and we must agree on whether
 * each one parses, on its tree, and on the error message and position. Fixed seed, so a
 * failure is reproducible.
 */
class MutantDifferentialTest {

    static final int COUNT = Integer.getInteger("mutants.count", 400);
    static final long SEED = Long.getLong("mutants.seed", 20240801L);

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> mutantsAgreeWithNix() throws Exception {
        assumeTrue(NixOracle.available(), "nix-instantiate is not installed");
        List<String> programs = NixDifferentialTest.readCases("differential-cases.txt");
        Random random = new Random(SEED);
        String[] fragments = {"(", ")", "{", "}", "[", "]", ";", ":", "=", ".", "?", "-", "!", "+", "\"", "''", "${",
            "$", "'", "/", "./a", "~/", "<a>", "or", "in", "let", "rec", "inherit", "1", "x", "@", ",", "...", "#", "\n",
            " ", "*", "//", "++", "->", "&&", "==", "<", ">", "\\"};
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            StringBuilder b = new StringBuilder(programs.get(random.nextInt(programs.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, fragments[random.nextInt(fragments.length)]);
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at + 1 < b.length()) {
                            char c = b.charAt(at);
                            b.setCharAt(at, b.charAt(at + 1));
                            b.setCharAt(at + 1, c);
                        }
                    }
                }
            }
            cases.add(b.toString());
        }
        return compare(cases);
    }

    /** Random sequences of tokens and fragments: mostly errors, whose messages must agree. */
    @TestFactory
    Stream<DynamicTest> tokenSoupsAgreeWithNix() throws Exception {
        assumeTrue(NixOracle.available(), "nix-instantiate is not installed");
        Random random = new Random(SEED + 1);
        String[] fragments = {"(", ")", "{", "}", "[", "]", ";", ":", "=", ".", "?", "-", "!", "+", "\"", "''", "${",
            "$", "'", "/", "./a", "./a/", "~/a", "<a>", "or", "in", "let", "rec", "inherit", "if", "then", "else", "assert",
            "with", "1", "2.5", "x", "y", "@", ",", "...", "\n", " ", " ", " ", "*", "//", "++", "->", "&&", "||", "==",
            "!=", "<", "<=", ">", ">=", "\\", "\"s\"", "''i''", "x:", "a.b", "http://h"};
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < COUNT / 2; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                b.append(fragments[random.nextInt(fragments.length)]);
                if (random.nextBoolean()) {
                    b.append(' ');
                }
            }
            cases.add(b.toString());
        }
        return compare(cases);
    }

    private Stream<DynamicTest> compare(List<String> cases) throws Exception {
        NixOracle oracle = new NixOracle(tmp);
        List<String> wrapped = cases.stream().map(c -> NixDifferentialTest.WRAP + c).toList();
        List<Path> files = oracle.write(wrapped);
        List<NixOracle.Outcome> expected = oracle.parse(files);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            int index = i;
            String text = wrapped.get(i);
            Path file = files.get(i);
            NixOracle.Outcome nix = expected.get(i);
            tests.add(DynamicTest.dynamicTest("#" + index + " " + cases.get(i).replace("\n", "⏎"), () -> {
                String ours;
                Source source = Source.ofFile(file, text);
                try {
                    ours = NixSyntax.show(Parser.parse(source, oracle.home()), NixDifferentialTest.symbolRank(source));
                } catch (ParseException e) {
                    assertThat(nix.failed()).as("Nix accepts %s as %s, we fail with %s", text, nix.printed(), e.getMessage()).isTrue();
                    assertThat(e.getMessage() + " at " + e.pos().line() + ":" + e.pos().column())
                            .as("for %s", text)
                            .isEqualTo(nix.error() + " at " + nix.line() + ":" + nix.column());
                    return;
                }
                assertThat(nix.failed()).as("Nix fails on %s with %s; we parse %s", text, nix.error(), ours).isFalse();
                assertThat(ours).isEqualTo(nix.printed());
            }));
        }
        return tests.stream();
    }
}
