package org.jmicrovm.lang.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jmicrovm.lang.ast.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the trees we parse with Nix 2.8's own ({@code nix-instantiate --parse}), printed
 * in Nix's fully parenthesised format by {@link NixSyntax}: precedence, associativity,
 * desugaring, strings and indented strings. Where Nix rejects an expression, we must reject
 * it with the same message at the same line and column.
 *
 * <p>Every expression is wrapped in {@code with {}; ...} so that Nix does not stop at
 * undefined variables (a check that belongs to evaluation, not to parsing).
 */
class NixDifferentialTest {

    static final String WRAP = "with {}; ";

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> casesFromFile() throws Exception {
        return compare(readCases("differential-cases.txt"));
    }

    /** Every pair of binary operators, with and without prefix operators: precedence and associativity. */
    @TestFactory
    Stream<DynamicTest> operatorMatrix() throws Exception {
        String[] ops = {"->", "||", "&&", "==", "!=", "<", "<=", ">", ">=", "//", "+", "-", "*", "/", "++", "?"};
        List<String> cases = new ArrayList<>();
        for (String op1 : ops) {
            for (String op2 : ops) {
                String rhs1 = op1.equals("?") ? "b.x" : "b";
                String rhs2 = op2.equals("?") ? "c.y" : "c";
                cases.add("a " + op1 + " " + rhs1 + " " + op2 + " " + rhs2);
            }
            String rhs = op1.equals("?") ? "b" : "b";
            cases.add("-a " + op1 + " " + rhs);
            cases.add("!a " + op1 + " " + rhs);
            cases.add("a " + op1 + " -" + rhs + " " + (op1.equals("?") ? "" : "+ c"));
            cases.add("a " + op1 + " !" + rhs + " " + (op1.equals("?") ? "" : "== c"));
            cases.add("f a " + op1 + " g " + rhs + " x.y");
        }
        return compare(cases);
    }

    private Stream<DynamicTest> compare(List<String> cases) throws Exception {
        assumeTrue(NixOracle.available(), "nix-instantiate is not installed");
        NixOracle oracle = new NixOracle(tmp);
        List<String> wrapped = cases.stream().map(c -> WRAP + c).toList();
        List<Path> files = oracle.write(wrapped);
        List<NixOracle.Outcome> expected = oracle.parse(files);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String text = wrapped.get(i);
            Path file = files.get(i);
            NixOracle.Outcome nix = expected.get(i);
            tests.add(DynamicTest.dynamicTest(cases.get(i).replace('\n', '⏎'), () -> {
                String ours;
                try {
                    Source source = Source.ofFile(file, text);
                    ours = NixSyntax.show(Parser.parse(source, oracle.home()), symbolRank(source));
                } catch (ParseException e) {
                    assertThat(nix.failed()).as("Nix accepts %s as %s, we fail with %s", text, nix.printed(), e.getMessage()).isTrue();
                    assertThat(e.getMessage() + " at " + e.pos().line() + ":" + e.pos().column())
                            .isEqualTo(nix.error() + " at " + nix.line() + ":" + nix.column());
                    return;
                }
                assertThat(nix.failed()).as("Nix fails on %s with %s; we parse %s", text, nix.error(), ours).isFalse();
                assertThat(ours).isEqualTo(nix.printed());
            }));
        }
        return tests.stream();
    }

    /**
     * Nix orders the bindings of a let and the formals of a function by when it created
     * their symbols: roughly when their names first appear in the text.
     */
    static java.util.function.ToIntFunction<String> symbolRank(Source source) {
        java.util.Map<String, Integer> rank = new java.util.HashMap<>();
        Lexer lexer = new Lexer(source);
        try {
            for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
                if (t.type() == TokenType.ID) {
                    rank.putIfAbsent(t.text(), rank.size());
                }
            }
        } catch (ParseException e) {
            // the ranks seen so far are enough
        }
        return name -> rank.getOrDefault(name, Integer.MAX_VALUE);
    }

    static List<String> readCases(String resource) throws IOException {
        try (InputStream in = NixDifferentialTest.class.getResourceAsStream(resource)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> cases = new ArrayList<>();
            for (String c : all.split("\n=====\n", -1)) {
                String trimmed = c.endsWith("\n") ? c.substring(0, c.length() - 1) : c;
                if (!trimmed.isBlank()) {
                    cases.add(trimmed);
                }
            }
            return cases;
        }
    }
}
