package org.jmicrovm.lang.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Expr.*;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.ast.Source;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParserTest {

    static final Path BASE = Path.of("/base/dir");
    static final Path HOME = Path.of("/home/user");

    static Expr parse(String text) {
        return Parser.parse(Source.ofString(text, BASE), HOME);
    }

    static String show(String text) {
        return NixSyntax.show(parse(text));
    }

    static ParseException error(String text) {
        try {
            parse(text);
        } catch (ParseException e) {
            return e;
        }
        throw new AssertionError("no parse error for: " + text);
    }

    static String where(Pos pos) {
        return pos.line() + ":" + pos.column();
    }

    static String literal(Expr e) {
        assertThat(e).isInstanceOf(Str.class);
        StringBuilder b = new StringBuilder();
        for (StrPart p : ((Str) e).parts()) {
            b.append(((StrPart.Literal) p).text());
        }
        return b.toString();
    }

    @Nested
    class Numbers {
        @Test
        void integers() {
            assertThat(parse("42")).isEqualTo(new IntLit(new Pos(source("42"), 1, 1), 42));
            assertThat(parse("9223372036854775807")).isInstanceOf(IntLit.class)
                    .extracting(e -> ((IntLit) e).value()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void integerOverflowIsAnErrorAtTheLiteral() {
            ParseException e = error("1 + 9223372036854775808");
            assertThat(e.getMessage()).isEqualTo("invalid integer '9223372036854775808'");
            assertThat(where(e.pos())).isEqualTo("1:5");
        }

        @Test
        void floatsInNixSyntax() {
            assertThat(((FloatLit) parse("1.5")).value()).isEqualTo(1.5);
            assertThat(((FloatLit) parse(".5")).value()).isEqualTo(0.5);
            assertThat(((FloatLit) parse("1.")).value()).isEqualTo(1.0);
            assertThat(((FloatLit) parse("1.5e-3")).value()).isEqualTo(0.0015);
            assertThat(((FloatLit) parse("2.5E+2")).value()).isEqualTo(250.0);
        }

        @Test
        void anExponentNeedsADecimalPoint() {
            // As in Nix: 1e3 is the integer 1 applied to the variable e3.
            assertThat(show("1e3")).isEqualTo("(1 e3)");
        }

        @Test
        void floatsOutOfRangeAreErrors() {
            assertThat(error("1.e400").getMessage()).isEqualTo("invalid float '1.e400'");
            assertThat(error("1.e-400").getMessage()).isEqualTo("invalid float '1.e-400'");
            assertThat(((FloatLit) parse("0.0e-400")).value()).isEqualTo(0.0);
        }
    }

    static Source source(String text) {
        return Source.ofString(text, BASE);
    }

    @Nested
    class Strings {
        @Test
        void escapes() {
            assertThat(literal(parse("\"a\\nb\\tc\\rd\\\\e\\\"f\\$g\\q\""))).isEqualTo("a\nb\tc\rd\\e\"f$gq");
        }

        @Test
        void dollarDollarIsLiteral() {
            assertThat(literal(parse("\"$${x}\""))).isEqualTo("$${x}");
            assertThat(literal(parse("\"a$\""))).isEqualTo("a$");
        }

        @Test
        void interpolation() {
            Str s = (Str) parse("\"a${x}b\"");
            assertThat(s.parts()).hasSize(3);
            assertThat(s.parts().get(0)).isEqualTo(new StrPart.Literal("a"));
            assertThat(s.parts().get(1)).asInstanceOf(type(StrPart.Interpolation.class))
                    .extracting(i -> ((Var) i.expr()).name()).isEqualTo("x");
            assertThat(s.parts().get(2)).isEqualTo(new StrPart.Literal("b"));
        }

        @Test
        void emptyStringHasNoParts() {
            assertThat(((Str) parse("\"\"")).parts()).isEmpty();
            assertThat(((Str) parse("''''")).parts()).isEmpty();
        }

        @Test
        void carriageReturnsBecomeNewlines() {
            assertThat(literal(parse("\"a\r\nb\rc\""))).isEqualTo("a\nb\nc");
        }

        @Test
        void indentedStringStripsCommonIndentation() {
            assertThat(literal(parse("''\n    a\n      b\n    c\n''"))).isEqualTo("a\n  b\nc\n");
        }

        @Test
        void indentedStringIgnoresEmptyLinesAndDropsTheLastSpacesOnlyLine() {
            assertThat(literal(parse("''\n  a\n\n  b\n  ''"))).isEqualTo("a\n\nb\n");
        }

        @Test
        void indentedStringFirstLineOfSpacesIsDropped() {
            assertThat(literal(parse("''   \n  a\n''"))).isEqualTo("a\n");
            assertThat(literal(parse("''  a\n  b''"))).isEqualTo("a\nb");
        }

        @Test
        void indentedStringTabsAreContent() {
            assertThat(literal(parse("''\n\ttab\n  x\n''"))).isEqualTo("\ttab\n  x\n");
        }

        @Test
        void indentedStringEscapes() {
            assertThat(literal(parse("''a''$b'''c''\\nd''\\te''\\\\f''"))).isEqualTo("a$b''c\nd\te\\f");
            assertThat(literal(parse("''$${x}''"))).isEqualTo("$${x}");
        }

        @Test
        void indentedStringInterpolationCountsAsContent() {
            Str s = (Str) parse("''\n  ${x}\n    y\n''");
            assertThat(s.parts()).hasSize(3);
            assertThat(s.parts().get(0)).isEqualTo(new StrPart.Literal(""));
            assertThat(s.parts().get(2)).isEqualTo(new StrPart.Literal("\n  y\n"));
        }

        @Test
        void indentedStringKeepsNixPieces() {
            assertThat(((Str) parse("''a''$b''")).parts())
                    .containsExactly(new StrPart.Literal("a"), new StrPart.Literal("$"), new StrPart.Literal("b"));
        }

        @Test
        void uriIsAString() {
            assertThat(literal(parse("https://example.org/a?b=c"))).isEqualTo("https://example.org/a?b=c");
            assertThat(literal(parse("x:y"))).isEqualTo("x:y");
        }
    }

    @Nested
    class Paths {
        @Test
        void relativePathsAreResolvedAgainstTheBaseDirectory() {
            assertThat(parse("./a/b.nix")).isEqualTo(new PathLit(new Pos(source("./a/b.nix"), 1, 1), "/base/dir/a/b.nix"));
            assertThat(((PathLit) parse("../x")).path()).isEqualTo("/base/x");
            assertThat(((PathLit) parse("a/b")).path()).isEqualTo("/base/dir/a/b");
            assertThat(((PathLit) parse("./.")).path()).isEqualTo("/base/dir");
            assertThat(((PathLit) parse("./a/../b/./c")).path()).isEqualTo("/base/dir/b/c");
        }

        @Test
        void absolutePathsAreCanonical() {
            assertThat(((PathLit) parse("/a/../b")).path()).isEqualTo("/b");
            assertThat(((PathLit) parse("/..")).path()).isEqualTo("/");
        }

        @Test
        void homePathsUseTheHomeDirectoryVerbatim() {
            assertThat(((PathLit) parse("~/a")).path()).isEqualTo("/home/user/a");
            assertThat(((PathLit) parse("~/a/../b")).path()).isEqualTo("/home/user/a/../b");
        }

        @Test
        void searchPaths() {
            assertThat(parse("<nixpkgs/lib>")).isEqualTo(new SearchPath(new Pos(source("<nixpkgs/lib>"), 1, 1), "nixpkgs/lib"));
        }

        @Test
        void interpolatedPaths() {
            InterpolatedPath p = (InterpolatedPath) parse("./a/${x}/b/${y}.nix");
            assertThat(p.parts()).hasSize(5);
            assertThat(p.parts().get(0)).isEqualTo(new StrPart.Literal("/base/dir/a/"));
            assertThat(p.parts().get(2)).isEqualTo(new StrPart.Literal("/b/"));
            assertThat(p.parts().get(4)).isEqualTo(new StrPart.Literal(".nix"));
            assertThat(((InterpolatedPath) parse("~/${x}")).parts().get(0)).isEqualTo(new StrPart.Literal("/home/user/"));
        }

        @Test
        void trailingSlashIsAnError() {
            ParseException e = error("[ ./a/ ]");
            assertThat(e.getMessage()).isEqualTo("path has a trailing slash");
            assertThat(where(e.pos())).isEqualTo("1:7");
            assertThat(error("./a/").getMessage()).isEqualTo("path has a trailing slash");
        }

        @Test
        void aSlashBetweenWordsMakesAPath() {
            assertThat(parse("1/2")).isInstanceOf(PathLit.class);
            assertThat(show("a / b")).isEqualTo("(__div a b)");
        }
    }

    @Nested
    class AttributeSets {
        @Test
        void nestedPathsAreMerged() {
            AttrSet set = (AttrSet) parse("{ a.b.c = 1; a.d = 2; e = 3; }");
            assertThat(set.attrs().keySet()).containsExactly("a", "e");
            AttrSet a = (AttrSet) set.attrs().get("a").value();
            assertThat(a.recursive()).isFalse();
            assertThat(a.attrs().keySet()).containsExactly("b", "d");
            assertThat(((AttrSet) a.attrs().get("b").value()).attrs().get("c").value()).isInstanceOf(IntLit.class);
        }

        @Test
        void pathsGoIntoExplicitSetsKeepingRec() {
            AttrSet set = (AttrSet) parse("{ a = rec { c = 2; }; a.b = c; }");
            AttrSet a = (AttrSet) set.attrs().get("a").value();
            assertThat(a.recursive()).isTrue();
            assertThat(a.attrs().keySet()).containsExactly("c", "b");
        }

        @Test
        void twoExplicitSetsMergeAndLoseDynamicAttributesAsInNix28() {
            AttrSet set = (AttrSet) parse("{ a = { b = 1; }; a = { c = 2; ${\"d\"} = 3; \"${x}\" = 4; }; }");
            AttrSet a = (AttrSet) set.attrs().get("a").value();
            assertThat(a.attrs().keySet()).containsExactly("b", "c", "d");
            assertThat(a.dynamicAttrs()).isEmpty();
        }

        @Test
        void duplicateAttributeNamesThePathAndTheFirstDefinition() {
            ParseException e = error("{ a.b = 1;\n  a.b = 2; }");
            assertThat(e.getMessage()).isEqualTo("attribute 'a.b' already defined at «string»:1:3");
            assertThat(where(e.pos())).isEqualTo("2:3");
            assertThat(error("{ a = 1; a.${b} = 2; }").getMessage())
                    .isEqualTo("attribute 'a.\"${b}\"' already defined at «string»:1:3");
            assertThat(error("{ \"a b\".c = 1; \"a b\" = 2; }").getMessage())
                    .isEqualTo("attribute '\"a b\"' already defined at «string»:1:3");
        }

        @Test
        void duplicateInMergedSetsIsReportedAtTheEarlierDefinition() {
            ParseException e = error("{ a = { b = 1; }; a = { b = 2; }; }");
            assertThat(e.getMessage()).isEqualTo("attribute 'b' already defined at «string»:1:25");
            assertThat(where(e.pos())).isEqualTo("1:9");
        }

        @Test
        void dynamicAttributes() {
            AttrSet set = (AttrSet) parse("{ ${a} = 1; \"${b}c\" = 2; ${\"s\"} = 3; \"t\" = 4; }");
            assertThat(set.attrs().keySet()).containsExactly("s", "t");
            assertThat(set.dynamicAttrs()).hasSize(2);
            assertThat(set.dynamicAttrs().get(0).name()).isInstanceOf(Var.class);
            assertThat(set.dynamicAttrs().get(1).name()).isInstanceOf(Str.class);
        }

        @Test
        void dynamicPathElementsMakeNewSets() {
            AttrSet set = (AttrSet) parse("{ a.${b}.c = 1; a.${b}.d = 2; }");
            AttrSet a = (AttrSet) set.attrs().get("a").value();
            assertThat(a.dynamicAttrs()).hasSize(2);
            assertThat(a.dynamicAttrs().get(0).value()).isInstanceOf(AttrSet.class);
        }

        @Test
        void inheritFromScopeAndFromExpression() {
            AttrSet set = (AttrSet) parse("{ inherit a; inherit (e) b c; }");
            AttrDef a = set.attrs().get("a");
            assertThat(a.inherited()).isTrue();
            assertThat(a.value()).isInstanceOf(Var.class);
            AttrDef b = set.attrs().get("b");
            assertThat(b.inherited()).isFalse();
            Select sel = (Select) b.value();
            assertThat(((Var) sel.target()).name()).isEqualTo("e");
            assertThat(sel.path()).containsExactly(new AttrName.Static("b"));
            assertThat(((Select) set.attrs().get("c").value()).target()).isSameAs(sel.target());
        }

        @Test
        void inheritPositionsAreWhereNixPutsThem() {
            // the definition: just after 'inherit' (or after ')'); the variable: just after '{'
            AttrSet set = (AttrSet) parse("{   inherit   x; inherit (  y  ) z; }");
            assertThat(where(set.attrs().get("x").pos())).isEqualTo("1:12");
            assertThat(where(set.attrs().get("x").value().pos())).isEqualTo("1:2");
            assertThat(where(set.attrs().get("z").pos())).isEqualTo("1:33");
        }

        @Test
        void dynamicInheritIsAnError() {
            ParseException e = error("{ inherit ${a}; }");
            assertThat(e.getMessage()).isEqualTo("dynamic attributes not allowed in inherit");
            assertThat(where(e.pos())).isEqualTo("1:11");
            assertThat(error("{ inherit a a; }").getMessage()).isEqualTo("attribute 'a' already defined at «string»:1:10");
        }

        @Test
        void orIsAnAttributeName() {
            assertThat(((AttrSet) parse("{ or = 1; }")).attrs()).containsKey("or");
            assertThat(show("a.or")).isEqualTo("(a).or");
        }
    }

    @Nested
    class LetAndFunctions {
        @Test
        void letIn() {
            Let let = (Let) parse("let a = 1; inherit b; c.d = 2; in a");
            assertThat(let.bindings().keySet()).containsExactly("a", "b", "c");
            assertThat(let.bindings().get("b").inherited()).isTrue();
            assertThat(let.body()).isInstanceOf(Var.class);
        }

        @Test
        void dynamicAttributesAreNotAllowedInLet() {
            ParseException e = error("let ${a} = 1; in 2");
            assertThat(e.getMessage()).isEqualTo("dynamic attributes not allowed in let");
            assertThat(where(e.pos())).isEqualTo("1:1");
        }

        @Test
        void legacyLetIsTheBodyOfARecursiveSet() {
            Select s = (Select) parse("let { a = 1; body = a; }");
            assertThat(s.path()).containsExactly(new AttrName.Static("body"));
            assertThat(((AttrSet) s.target()).recursive()).isTrue();
        }

        @Test
        void lambdas() {
            Lambda plain = (Lambda) parse("x: x");
            assertThat(plain.argName()).isEqualTo("x");
            assertThat(plain.formals()).isNull();

            Lambda formals = (Lambda) parse("{ a, b ? 1, ... }: a");
            assertThat(formals.argName()).isNull();
            assertThat(formals.formals().ellipsis()).isTrue();
            assertThat(formals.formals().formals()).extracting(Formal::name).containsExactly("a", "b");
            assertThat(formals.formals().formals().get(1).defaultValue()).isInstanceOf(IntLit.class);

            assertThat(((Lambda) parse("args@{ a }: a")).argName()).isEqualTo("args");
            assertThat(((Lambda) parse("{ a }@args: a")).argName()).isEqualTo("args");
            assertThat(((Lambda) parse("{ }: 1")).formals().formals()).isEmpty();
            assertThat(((Lambda) parse("{ a, }: 1")).formals().formals()).hasSize(1);
        }

        @Test
        void duplicateFormals() {
            ParseException e = error("{ b, a, b, a }: 1");
            assertThat(e.getMessage()).isEqualTo("duplicate formal function argument 'b'");
            assertThat(where(e.pos())).isEqualTo("1:9");
            ParseException f = error("a@{ a }: 1");
            assertThat(f.getMessage()).isEqualTo("duplicate formal function argument 'a'");
            assertThat(where(f.pos())).isEqualTo("1:1");
        }

        @Test
        void aSetIsNotFormals() {
            assertThat(parse("{ a = 1; }")).isInstanceOf(AttrSet.class);
            assertThat(parse("{ }")).isInstanceOf(AttrSet.class);
            assertThat(error("{ a }").getMessage()).isEqualTo("syntax error, unexpected end of file, expecting ':' or '@'");
        }

        @Test
        void withAssertIf() {
            assertThat(parse("with a; b")).isInstanceOf(With.class);
            assertThat(parse("assert a; b")).isInstanceOf(Assert.class);
            If i = (If) parse("if a then b else c");
            assertThat(((Var) i.otherwise()).name()).isEqualTo("c");
        }
    }

    @Nested
    class Operators {
        @Test
        void precedence() {
            assertThat(show("a + b * c - d / e")).isEqualTo("(__sub (a + (__mul b c)) (__div d e))");
            assertThat(show("a || b && c || d")).isEqualTo("((a || (b && c)) || d)");
            assertThat(show("! a + b")).isEqualTo("(! (a + b))");
            assertThat(show("!a == b")).isEqualTo("((! a) == b)");
            assertThat(show("-a b")).isEqualTo("(__sub 0 (a b))");
            assertThat(show("- a ? b")).isEqualTo("(((__sub 0 a)) ? b)");
            assertThat(show("a ? b.c ++ d")).isEqualTo("(((a) ? b.c) ++ d)");
        }

        @Test
        void associativity() {
            assertThat(show("a ++ b ++ c")).isEqualTo("(a ++ (b ++ c))");
            assertThat(show("a // b // c")).isEqualTo("(a // (b // c))");
            assertThat(show("a -> b -> c")).isEqualTo("(a -> (b -> c))");
            assertThat(show("a - b - c")).isEqualTo("(__sub (__sub a b) c)");
            assertThat(show("a ? b ? c")).isEqualTo("((((a) ? b)) ? c)");
        }

        @Test
        void nonAssociativeOperatorsCannotBeChained() {
            ParseException e = error("a == b == c");
            assertThat(e.getMessage()).isEqualTo("syntax error, unexpected EQ");
            assertThat(where(e.pos())).isEqualTo("1:8");
            assertThat(error("a < b > c").getMessage()).isEqualTo("syntax error, unexpected '>'");
        }

        @Test
        void operatorTree() {
            BinOp b = (BinOp) parse("a <= b");
            assertThat(b.op()).isEqualTo(Op.LE);
            assertThat(parse("-a")).isInstanceOf(Negate.class);
            assertThat(parse("!a")).isInstanceOf(Not.class);
            HasAttr h = (HasAttr) parse("a ? b.\"c\"");
            assertThat(h.path()).containsExactly(new AttrName.Static("b"), new AttrName.Static("c"));
        }

        @Test
        void selectWithDefaultAndOrAsAFunction() {
            Select s = (Select) parse("a.b or c");
            assertThat(s.orDefault()).isInstanceOf(Var.class);
            Apply app = (Apply) parse("f or");
            assertThat(((Var) app.argument()).name()).isEqualTo("or");
            assertThat(show("a.b or c.d or e")).isEqualTo("(a).b or ((c).d or (e))");
        }

        @Test
        void applicationIsLeftAssociative() {
            Apply outer = (Apply) parse("f x y");
            assertThat(outer.function()).isInstanceOf(Apply.class);
            assertThat(((Var) outer.argument()).name()).isEqualTo("y");
        }

        @Test
        void curPos() {
            assertThat(parse("  __curPos")).isEqualTo(new CurPos(new Pos(source("  __curPos"), 1, 3)));
        }
    }

    @Nested
    class Positions {
        @Test
        void nodesCarryFileLineAndColumn() {
            Path file = Path.of("/src/x.nix");
            Expr e = Parser.parse(Source.ofFile(file, "let\n  a = 1;\nin\n  a + b"), HOME);
            assertThat(e.pos().source().file()).isEqualTo(file);
            assertThat(where(e.pos())).isEqualTo("1:1");
            Let let = (Let) e;
            assertThat(where(let.bindings().get("a").pos())).isEqualTo("2:3");
            assertThat(where(let.bindings().get("a").value().pos())).isEqualTo("2:7");
            BinOp add = (BinOp) let.body();
            assertThat(where(add.pos())).isEqualTo("4:3");
            assertThat(where(add.right().pos())).isEqualTo("4:7");
        }

        @Test
        void binaryOperatorsAndApplicationsStartWithTheirLeftText() {
            assertThat(where(parse(" (a) - b").pos())).isEqualTo("1:2");
            assertThat(where(parse(" (  f) x").pos())).isEqualTo("1:2");
            assertThat(where(parse("x.y.z").pos())).isEqualTo("1:1");
            assertThat(where(((BinOp) parse("a * b + c")).left().pos())).isEqualTo("1:1");
        }

        @Test
        void attributePathPositionIsItsStart() {
            AttrSet set = (AttrSet) parse("{   a = 1;  b.c = 3; }");
            assertThat(where(set.attrs().get("b").pos())).isEqualTo("1:13");
            assertThat(where(((AttrSet) set.attrs().get("b").value()).attrs().get("c").pos())).isEqualTo("1:13");
        }

        @Test
        void linesEndWithLfCrLfOrCr() {
            assertThat(where(((Apply) parse("f\r\nx\ry\nz")).argument().pos())).isEqualTo("4:1");
        }

        @Test
        void columnsCountUtf8Bytes() {
            Str s = (Str) ((Apply) parse("\"é\" x")).function();
            assertThat(where(((Apply) parse("\"é\" x")).argument().pos())).isEqualTo("1:6");
            assertThat(s.parts()).containsExactly(new StrPart.Literal("é"));
        }
    }

    @Nested
    class Errors {
        @Test
        void messagesNameTheUnexpectedAndTheExpectedToken() {
            assertThat(error("{ a = 1 }").getMessage()).isEqualTo("syntax error, unexpected '}', expecting ';'");
            assertThat(error("let a = 1 in a").getMessage()).isEqualTo("syntax error, unexpected IN, expecting ';'");
            assertThat(error("if a then b").getMessage()).isEqualTo("syntax error, unexpected end of file, expecting ELSE");
            assertThat(error("x.").getMessage())
                    .isEqualTo("syntax error, unexpected end of file, expecting ID or OR_KW or DOLLAR_CURLY or '\"'");
            assertThat(error("1 2 ;").getMessage()).isEqualTo("syntax error, unexpected ';', expecting end of file");
            assertThat(error("1 % 2").getMessage()).isEqualTo("syntax error, unexpected invalid token, expecting end of file");
            assertThat(error("[ 1 2 ; ]").getMessage()).isEqualTo("syntax error, unexpected ';'");
            assertThat(error("rec 1").getMessage()).isEqualTo("syntax error, unexpected INT, expecting '{'");
        }

        @Test
        void endOfFileIsReportedAtTheLastTextNixRead() {
            assertThat(where(error("let a = 1; ").pos())).isEqualTo("1:11");
            assertThat(where(error("a:").pos())).isEqualTo("1:2");
            assertThat(where(error("").pos())).isEqualTo("1:1");
        }

        @Test
        void errorRendersWithTheSourceLine() {
            ParseException e = error("{\n  a = 1\n}");
            assertThat(e.render()).contains("error: syntax error, unexpected '}', expecting ';'")
                    .contains("at «string»:3:1:")
                    .contains("3| }");
        }

        @Test
        void aNulCharacterEndsTheInputAsInNix() {
            assertThat(parse("1 \0 2")).isInstanceOf(IntLit.class);
            assertThat(error("1 + \0").getMessage()).isEqualTo("syntax error, unexpected end of file");
        }

        @Test
        void parseExceptionIsANixException() {
            assertThat(error(")")).isInstanceOf(org.jmicrovm.lang.NixException.class);
        }
    }

    @Test
    void homeDefaultsToTheEnvironment() {
        String home = System.getenv("HOME");
        Expr e = Parser.parse(Source.ofString("~/x", BASE));
        assertThat(((PathLit) e).path()).isEqualTo(Path.of(home != null ? home : System.getProperty("user.home")) + "/x");
    }

    @Test
    void listElementsAreSelections() {
        ListExpr l = (ListExpr) parse("[ a.b f x (-1) ]");
        assertThat(l.elements()).hasSize(4);
        assertThat(l.elements().get(0)).isInstanceOf(Select.class);
        assertThat(List.of(l.elements().get(1), l.elements().get(2))).allMatch(x -> x instanceof Var);
        assertThat(l.elements().get(3)).isInstanceOf(Negate.class);
        // as in Nix, an element is a selection: a minus sign cannot start one
        assertThat(error("[ a -1 ]").getMessage()).isEqualTo("syntax error, unexpected '-'");
    }
}
