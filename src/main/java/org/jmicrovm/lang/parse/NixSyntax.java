package org.jmicrovm.lang.parse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Expr.*;

/**
 * Shows expressions the way Nix 2.8 does ({@code nix-instantiate --parse}): fully
 * parenthesised, with the operators that Nix desugars into calls shown as calls
 * ({@code a - b} is {@code (__sub a b)}). Error messages use it for attribute paths, and
 * the tests compare its output with Nix's to check the shape of parsed trees.
 */
final class NixSyntax {

    static String show(Expr e) {
        return show(e, null);
    }

    /**
     * @param symbolRank the order of names in {@code let} and in formals (Nix orders them by
     *                   when it created their symbols); null keeps the source order
     */
    static String show(Expr e, ToIntFunction<String> symbolRank) {
        StringBuilder out = new StringBuilder();
        new NixSyntax(symbolRank).show(out, e);
        return out.toString();
    }

    private final ToIntFunction<String> symbolRank;

    private NixSyntax(ToIntFunction<String> symbolRank) {
        this.symbolRank = symbolRank;
    }

    private void show(StringBuilder out, Expr e) {
        List<Expr> call = asCall(e);
        if (call != null) {
            out.append('(');
            for (int i = 0; i < call.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                show(out, call.get(i));
            }
            out.append(')');
            return;
        }
        switch (e) {
            case IntLit i -> out.append(i.value());
            case FloatLit f -> out.append(showFloat(f.value()));
            case Str s -> showStr(out, s.parts(), false);
            case PathLit p -> out.append(p.path());
            case InterpolatedPath p -> showStr(out, p.parts(), true);
            case Var v -> out.append(showId(v.name()));
            case CurPos c -> out.append("__curPos");
            case Select s -> {
                out.append('(');
                show(out, s.target());
                out.append(").").append(attrPath(s.path()));
                if (s.orDefault() != null) {
                    out.append(" or (");
                    show(out, s.orDefault());
                    out.append(')');
                }
            }
            case HasAttr h -> {
                out.append("((");
                show(out, h.target());
                out.append(") ? ").append(attrPath(h.path())).append(')');
            }
            case ListExpr l -> {
                out.append("[ ");
                for (Expr x : l.elements()) {
                    out.append('(');
                    show(out, x);
                    out.append(") ");
                }
                out.append(']');
            }
            case AttrSet a -> {
                if (a.recursive()) {
                    out.append("rec ");
                }
                out.append("{ ");
                for (Map.Entry<String, AttrDef> d : sorted(a.attrs())) {
                    if (d.getValue().inherited()) {
                        out.append("inherit ").append(showId(d.getKey())).append(" ; ");
                    } else {
                        out.append(showId(d.getKey())).append(" = ");
                        show(out, d.getValue().value());
                        out.append("; ");
                    }
                }
                for (DynamicAttr d : a.dynamicAttrs()) {
                    out.append("\"${");
                    show(out, d.name());
                    out.append("}\" = ");
                    show(out, d.value());
                    out.append("; ");
                }
                out.append('}');
            }
            case Let l -> {
                out.append("(let ");
                List<Map.Entry<String, AttrDef>> bindings = new ArrayList<>(l.bindings().entrySet());
                if (symbolRank != null) {
                    bindings.sort(Comparator.comparingInt(d -> symbolRank.applyAsInt(d.getKey())));
                }
                for (Map.Entry<String, AttrDef> d : bindings) {
                    if (d.getValue().inherited()) {
                        out.append("inherit ").append(showId(d.getKey())).append("; ");
                    } else {
                        out.append(showId(d.getKey())).append(" = ");
                        show(out, d.getValue().value());
                        out.append("; ");
                    }
                }
                out.append("in ");
                show(out, l.body());
                out.append(')');
            }
            case Lambda l -> {
                out.append('(');
                if (l.formals() != null) {
                    out.append("{ ");
                    List<Formal> formals = new ArrayList<>(l.formals().formals());
                    if (symbolRank != null) {
                        formals.sort(Comparator.comparingInt(f -> symbolRank.applyAsInt(f.name())));
                    }
                    boolean first = true;
                    for (Formal f : formals) {
                        if (!first) {
                            out.append(", ");
                        }
                        first = false;
                        out.append(showId(f.name()));
                        if (f.defaultValue() != null) {
                            out.append(" ? ");
                            show(out, f.defaultValue());
                        }
                    }
                    if (l.formals().ellipsis()) {
                        out.append(first ? "..." : ", ...");
                    }
                    out.append(" }");
                    if (l.argName() != null) {
                        out.append(" @ ");
                    }
                }
                if (l.argName() != null) {
                    out.append(showId(l.argName()));
                }
                out.append(": ");
                show(out, l.body());
                out.append(')');
            }
            case If i -> {
                out.append("(if ");
                show(out, i.condition());
                out.append(" then ");
                show(out, i.then());
                out.append(" else ");
                show(out, i.otherwise());
                out.append(')');
            }
            case Assert a -> {
                out.append("assert ");
                show(out, a.condition());
                out.append("; ");
                show(out, a.body());
            }
            case With w -> {
                out.append("(with ");
                show(out, w.scope());
                out.append("; ");
                show(out, w.body());
                out.append(')');
            }
            case Not n -> {
                out.append("(! ");
                show(out, n.operand());
                out.append(')');
            }
            case BinOp b -> {
                switch (b.op()) {
                    case LE, GE -> {
                        // a <= b is !(b < a); a >= b is !(a < b)
                        out.append("(! (__lessThan ");
                        show(out, b.op() == Op.LE ? b.right() : b.left());
                        out.append(' ');
                        show(out, b.op() == Op.LE ? b.left() : b.right());
                        out.append("))");
                    }
                    default -> {
                        out.append('(');
                        show(out, b.left());
                        out.append(' ').append(b.op().symbol()).append(' ');
                        show(out, b.right());
                        out.append(')');
                    }
                }
            }
            case Apply a -> throw new IllegalStateException("calls are shown above");
            case Negate n -> throw new IllegalStateException("calls are shown above");
            case SearchPath s -> throw new IllegalStateException("calls are shown above");
        }
    }

    /**
     * The expressions that Nix represents as one call with several arguments, function
     * first; null for others. Nix adds an argument to an existing call, so {@code (a - b) c}
     * is shown {@code (__sub a b c)}.
     */
    private static List<Expr> asCall(Expr e) {
        return switch (e) {
            case Apply a -> {
                List<Expr> inner = asCall(a.function());
                List<Expr> call = inner != null ? inner : new ArrayList<>(List.of(a.function()));
                call.add(a.argument());
                yield call;
            }
            case Negate n -> new ArrayList<>(List.of(new Var(n.pos(), "__sub"), new IntLit(n.pos(), 0), n.operand()));
            case SearchPath s -> new ArrayList<>(List.of(new Var(s.pos(), "__findFile"), new Var(s.pos(), "__nixPath"),
                    new Str(s.pos(), List.of(new StrPart.Literal(s.path())))));
            case BinOp b -> switch (b.op()) {
                case SUB -> new ArrayList<>(List.of(new Var(b.pos(), "__sub"), b.left(), b.right()));
                case MUL -> new ArrayList<>(List.of(new Var(b.pos(), "__mul"), b.left(), b.right()));
                case DIV -> new ArrayList<>(List.of(new Var(b.pos(), "__div"), b.left(), b.right()));
                case LT -> new ArrayList<>(List.of(new Var(b.pos(), "__lessThan"), b.left(), b.right()));
                case GT -> new ArrayList<>(List.of(new Var(b.pos(), "__lessThan"), b.right(), b.left()));
                default -> null;
            };
            default -> null;
        };
    }

    private void showStr(StringBuilder out, List<StrPart> parts, boolean path) {
        boolean interpolated = parts.stream().anyMatch(p -> p instanceof StrPart.Interpolation);
        if (!path && !interpolated && parts.size() <= 1) {
            out.append(showString(parts.isEmpty() ? "" : ((StrPart.Literal) parts.get(0)).text()));
            return;
        }
        out.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(" + ");
            }
            switch (parts.get(i)) {
                case StrPart.Literal l -> out.append(path && i == 0 ? l.text() : showString(l.text()));
                case StrPart.Interpolation x -> show(out, x.expr());
            }
        }
        out.append(')');
    }

    private static List<Map.Entry<String, AttrDef>> sorted(Map<String, AttrDef> attrs) {
        List<Map.Entry<String, AttrDef>> list = new ArrayList<>(attrs.entrySet());
        list.sort(Map.Entry.comparingByKey());
        return list;
    }

    static String showString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\', '$' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** An attribute name as Nix shows it: bare if it looks like an identifier, else quoted. */
    static String showId(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (s.equals("if")) {
            return "\"if\"";
        }
        char c0 = s.charAt(0);
        if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || c0 == '_')) {
            return showString(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '\'' || c == '-')) {
                return showString(s);
            }
        }
        return s;
    }

    static String showAttrPath(List<AttrName> path) {
        return new NixSyntax(null).attrPath(path);
    }

    private String attrPath(List<AttrName> path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                out.append('.');
            }
            switch (path.get(i)) {
                case AttrName.Static s -> out.append(showId(s.name()));
                case AttrName.Dynamic d -> {
                    out.append("\"${");
                    show(out, d.expr());
                    out.append("}\"");
                }
            }
        }
        return out.toString();
    }

    /** A float as C++'s {@code operator<<} prints it (like {@code printf("%g")}: 6 significant digits). */
    static String showFloat(double v) {
        if (Double.isNaN(v)) {
            return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        String exp = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
    }
}
