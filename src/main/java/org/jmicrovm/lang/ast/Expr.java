package org.jmicrovm.lang.ast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The abstract syntax tree of the Nix language: immutable records, each with the position
 * of the construct it stands for. The parser produces it; the evaluator's compiler walks it
 * (with an {@code instanceof} chain rather than a pattern {@code switch}, for start-up time:
 * see {@code Compiler.compile}).
 *
 * <p>The tree is close to the surface syntax, with the desugarings that Nix's own parser
 * performs (so that evaluation sees what Nix sees):
 * <ul>
 *   <li>nested attribute paths {@code a.b.c = 1; a.d = 2;} are merged into nested
 *       {@link AttrSet}s at parse time (duplicate definitions are parse errors);</li>
 *   <li>relative and home paths are made absolute at parse time;</li>
 *   <li>indented strings have their indentation stripped and escapes resolved;</li>
 *   <li>URIs become string literals;</li>
 *   <li>{@code let { ... body = e; }} (the legacy form) becomes {@code (rec { ... }).body}.</li>
 * </ul>
 */
public sealed interface Expr {

    Pos pos();

    // ----- literals -------------------------------------------------------------------

    record IntLit(Pos pos, long value) implements Expr {}

    record FloatLit(Pos pos, double value) implements Expr {}

    /**
     * A string, possibly with interpolations ({@code "a${b}c"}, indented strings, URIs).
     * A {@code "..."} string without interpolation has exactly one {@link StrPart.Literal}
     * part (or none for the empty string). An indented string keeps the pieces Nix keeps
     * (verbatim text and each escape such as {@code ''$} apart), so it may have several
     * adjacent literal parts, some of them empty: concatenate them.
     */
    record Str(Pos pos, List<StrPart> parts) implements Expr {
        public Str {
            parts = List.copyOf(parts);
        }
    }

    /** A path literal already made absolute: {@code ./a}, {@code /a}, {@code ~/a}. */
    record PathLit(Pos pos, String path) implements Expr {}

    /**
     * A path with interpolation, e.g. {@code ./dir/${name}.nix}. The first part is the
     * literal prefix, already made absolute; the evaluated parts are concatenated and the
     * result is a path.
     */
    record InterpolatedPath(Pos pos, List<StrPart> parts) implements Expr {
        public InterpolatedPath {
            parts = List.copyOf(parts);
        }
    }

    /** {@code <nixpkgs/lib>}: looked up in the search path ({@code -I}, {@code NIX_PATH}). */
    record SearchPath(Pos pos, String path) implements Expr {}

    // ----- names and selection --------------------------------------------------------

    record Var(Pos pos, String name) implements Expr {}

    /** {@code e.a.b} and {@code e.a.b or d}; {@code orDefault} is {@code null} without {@code or}. */
    record Select(Pos pos, Expr target, List<AttrName> path, Expr orDefault) implements Expr {
        public Select {
            path = List.copyOf(path);
        }
    }

    /** {@code e ? a.b}. */
    record HasAttr(Pos pos, Expr target, List<AttrName> path) implements Expr {
        public HasAttr {
            path = List.copyOf(path);
        }
    }

    // ----- compound values ------------------------------------------------------------

    record ListExpr(Pos pos, List<Expr> elements) implements Expr {
        public ListExpr {
            elements = List.copyOf(elements);
        }
    }

    /**
     * An attribute set literal, {@code rec} or not.
     *
     * @param attrs static attributes in source order (insertion-ordered map; Nix sorts
     *              names when it builds the value, not here)
     * @param dynamicAttrs {@code "${e}" = v;} bindings, evaluated when the set is built
     */
    record AttrSet(Pos pos, boolean recursive, LinkedHashMap<String, AttrDef> attrs,
                   List<DynamicAttr> dynamicAttrs) implements Expr {
        public AttrSet {
            Objects.requireNonNull(attrs, "attrs");
            dynamicAttrs = List.copyOf(dynamicAttrs);
        }
    }

    /** {@code let bindings in body}: the bindings are recursive, like {@code rec { }}. */
    record Let(Pos pos, LinkedHashMap<String, AttrDef> bindings, Expr body) implements Expr {
        public Let {
            Objects.requireNonNull(bindings, "bindings");
        }
    }

    // ----- functions ------------------------------------------------------------------

    /**
     * A function. Either {@code x: body} ({@code argName} set, {@code formals} null),
     * {@code { a, b ? 1, ... }: body} ({@code formals} set), or both ({@code args@{ ... }:}).
     */
    record Lambda(Pos pos, String argName, Formals formals, Expr body) implements Expr {}

    /**
     * Application {@code f x}. Left-associative: {@code f x y} is {@code (f x) y}. Its
     * position is where the function's text starts (an opening parenthesis included), as
     * in Nix 2.8's "attempt to call something which is not a function" errors.
     */
    record Apply(Pos pos, Expr function, Expr argument) implements Expr {}

    // ----- control --------------------------------------------------------------------

    record If(Pos pos, Expr condition, Expr then, Expr otherwise) implements Expr {}

    record Assert(Pos pos, Expr condition, Expr body) implements Expr {}

    record With(Pos pos, Expr scope, Expr body) implements Expr {}

    // ----- operators ------------------------------------------------------------------

    /** {@code !e}. */
    record Not(Pos pos, Expr operand) implements Expr {}

    /** {@code -e} (Nix evaluates it as {@code 0 - e}). */
    record Negate(Pos pos, Expr operand) implements Expr {}

    record BinOp(Pos pos, Op op, Expr left, Expr right) implements Expr {}

    /**
     * Binary operators. The position of a {@link BinOp} is where its left operand's text
     * starts (an opening parenthesis included): Nix 2.8 reports operator errors there
     * ({@code 1 - "a"} fails at the {@code 1}).
     */
    enum Op {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"),
        CONCAT("++"), UPDATE("//"),
        EQ("=="), NEQ("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        AND("&&"), OR("||"), IMPL("->");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** {@code __curPos}: the attribute set {@code { file, line, column }} of its own position. */
    record CurPos(Pos pos) implements Expr {}

    // ----- parts ----------------------------------------------------------------------

    /** A part of a string or interpolated path. */
    sealed interface StrPart {
        record Literal(String text) implements StrPart {}

        record Interpolation(Expr expr) implements StrPart {}
    }

    /** A name in an attribute path: {@code a}, {@code "a b"} or {@code ${e}}. */
    sealed interface AttrName {
        record Static(String name) implements AttrName {}

        /** {@code ${e}} or {@code "a${e}"}: the name is computed when evaluated. */
        record Dynamic(Expr expr) implements AttrName {}
    }

    /**
     * The definition of one attribute in a set or let.
     *
     * @param inherited true for {@code inherit x;}: {@code value} is a {@link Var} that must be
     *                  looked up in the scope <em>outside</em> the set or let, even when it is
     *                  recursive (Nix's rule); {@code inherit (e) x;} is not marked, its value
     *                  is the {@link Select} {@code e.x}
     */
    record AttrDef(Pos pos, Expr value, boolean inherited) {}

    /** {@code ${name} = value;} (possibly nested: {@code a.${b}.c = v;} puts a set in value). */
    record DynamicAttr(Pos pos, Expr name, Expr value) {}

    /** The formal parameters {@code { a, b ? d, ... }}. */
    record Formals(List<Formal> formals, boolean ellipsis) {
        public Formals {
            formals = List.copyOf(formals);
        }
    }

    /** One formal parameter; {@code defaultValue} is {@code null} when it has none. */
    record Formal(Pos pos, String name, Expr defaultValue) {}
}
