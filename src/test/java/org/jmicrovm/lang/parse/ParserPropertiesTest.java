package org.jmicrovm.lang.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Source;

/**
 * Whatever the input, the parser gives a tree or a {@link ParseException} with a position
 * inside the text: never another exception, never a hang.
 */
class ParserPropertiesTest {

    private static final List<String> FRAGMENTS = List.of(
            "(", ")", "{", "}", "[", "]", "let", "in", "rec", "inherit", "with", "assert", "if", "then", "else",
            "or", "=", ";", ":", ",", "@", "...", ".", "?", "!", "-", "+", "*", "/", "++", "//", "==", "!=",
            "<", "<=", ">", ">=", "&&", "||", "->", "a", "b", "x", "__curPos", "1", "2.5", ".5", "1.e400",
            "99999999999999999999", "\"", "\"s\"", "''", "'''", "''$", "''\\n", "${", "$", "\\", "'", "./a", "./a/",
            "~/", "~/a", "<p>", "<", ">", "http://u", "a/b", "#c\n", "/*", "*/", "\n", "\r", "\r\n", "\t", " ", "é",
            "\u0000", "%", "&", "|", "^", "`", "x:", "{ a, b ? 1, ... }:", "{ }");

    /** Valid programs to mutate: everything of the differential cases that parses. */
    private static final List<String> PROGRAMS = validPrograms();

    private static List<String> validPrograms() {
        try {
            return NixDifferentialTest.readCases("differential-cases.txt").stream().filter(c -> {
                try {
                    parse(c);
                    return true;
                } catch (ParseException e) {
                    return false;
                }
            }).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Expr parse(String text) {
        return Parser.parse(Source.ofString(text, Path.of("/base")), Path.of("/home"));
    }

    /** Parses with a time limit; checks that the outcome is a tree or a well-placed ParseException. */
    static void parsesOrFailsCleanly(String text) {
        Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                return parse(text);
            } catch (ParseException e) {
                return e;
            }
        }, () -> "parser hangs on: " + text);
        if (outcome instanceof ParseException e) {
            assertThat(e.pos().isKnown()).as("position of %s for %s", e.getMessage(), text).isTrue();
            assertThat(e.pos().source().text()).isEqualTo(text);
            long lines = text.chars().filter(c -> c == '\n' || c == '\r').count() + 1;
            assertThat(e.pos().line()).isBetween(1, (int) lines);
            assertThat(e.pos().column()).isPositive();
            assertThat(e.render()).startsWith("error: ");
        } else {
            Expr expr = (Expr) outcome;
            assertThat(expr.pos().isKnown()).isTrue();
            assertThat(NixSyntax.show(expr)).isNotEmpty();
        }
    }

    @Property(tries = 2000)
    void tokenSoups(@ForAll("soups") String text) {
        parsesOrFailsCleanly(text);
    }

    @Property(tries = 2000)
    void mutatedPrograms(@ForAll("mutants") String text) {
        parsesOrFailsCleanly(text);
    }

    @Property(tries = 500)
    void arbitraryText(@ForAll("anyText") String text) {
        parsesOrFailsCleanly(text);
    }

    @Property(tries = 300)
    void parsingIsDeterministic(@ForAll("mutants") String text) {
        String first = describe(text);
        assertThat(describe(text)).isEqualTo(first);
    }

    private static String describe(String text) {
        try {
            return NixSyntax.show(parse(text));
        } catch (ParseException e) {
            return e.getMessage() + " at " + e.pos();
        }
    }

    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
        Arbitrary<String> separator = Arbitraries.of("", " ", "", "\n");
        return Combinators.combine(fragment, separator).as((f, s) -> f + s)
                .list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<String> program = Arbitraries.of(PROGRAMS);
        Arbitrary<List<Tuple.Tuple3<Integer, Double, String>>> edits = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(FRAGMENTS)).as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(program, edits).as(ParserPropertiesTest::mutate);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(60);
    }

    /** Applies edits: 0 inserts a fragment, 1 deletes a character, 2 swaps two, 3 duplicates a slice. */
    private static String mutate(String program, List<Tuple.Tuple3<Integer, Double, String>> edits) {
        StringBuilder b = new StringBuilder(program);
        for (Tuple.Tuple3<Integer, Double, String> edit : edits) {
            int at = (int) (edit.get2() * b.length());
            switch (edit.get1()) {
                case 0 -> b.insert(at, edit.get3());
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at + 1 < b.length()) {
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(at + 1));
                        b.setCharAt(at + 1, c);
                    }
                }
                default -> {
                    int end = Math.min(b.length(), at + 1 + edit.get3().length());
                    b.insert(at, b.substring(at, end));
                }
            }
        }
        return b.toString();
    }
}
