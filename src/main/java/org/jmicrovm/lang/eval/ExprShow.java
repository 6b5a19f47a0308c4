package org.jmicrovm.lang.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jmicrovm.lang.ast.Expr;

/**
 * Renders an expression the way Nix 2.8's {@code Expr::show} does (fully parenthesised, with
 * the desugarings of its parser: {@code a - b} is {@code (__sub a b)}), for messages such as
 * {@code assertion '(x == 1)' failed}.
 */
public final class ExprShow {

    private ExprShow() {}

    public static String show(Expr e) {
        StringBuilder b = new StringBuilder();
        show(b, e);
        return b.toString();
    }

    private static void show(StringBuilder b, Expr e) {
        switch (e) {
            case Expr.IntLit i -> b.append(i.value());
            case Expr.FloatLit f -> b.append(NixFormat.showFloat(f.value()));
            case Expr.Str s -> showString(b, s.parts());
            case Expr.PathLit p -> b.append(p.path());
            case Expr.InterpolatedPath p -> showParts(b, p.parts(), true);
            case Expr.SearchPath p -> b.append("(__findFile __nixPath ").append(NixFormat.quoteString(p.path())).append(')');
            case Expr.Var v -> b.append(v.name());
            case Expr.Select s -> {
                b.append('(');
                show(b, s.target());
                b.append(").");
                showPath(b, s.path());
                if (s.orDefault() != null) {
                    b.append(" or (");
                    show(b, s.orDefault());
                    b.append(')');
                }
            }
            case Expr.HasAttr h -> {
                b.append("((");
                show(b, h.target());
                b.append(") ? ");
                showPath(b, h.path());
                b.append(')');
            }
            case Expr.ListExpr l -> {
                b.append("[ ");
                for (Expr x : l.elements()) {
                    b.append('(');
                    show(b, x);
                    b.append(") ");
                }
                b.append(']');
            }
            case Expr.AttrSet a -> {
                if (a.recursive()) {
                    b.append("rec ");
                }
                b.append("{ ");
                for (Map.Entry<String, Expr.AttrDef> d : new TreeMap<>(a.attrs()).entrySet()) {
                    showBinding(b, d.getKey(), d.getValue(), " ");
                }
                for (Expr.DynamicAttr d : a.dynamicAttrs()) {
                    b.append("\"${");
                    show(b, d.name());
                    b.append("}\" = ");
                    show(b, d.value());
                    b.append("; ");
                }
                b.append('}');
            }
            case Expr.Let l -> {
                b.append("(let ");
                for (Map.Entry<String, Expr.AttrDef> d : new TreeMap<>(l.bindings()).entrySet()) {
                    showBinding(b, d.getKey(), d.getValue(), "");
                }
                b.append("in ");
                show(b, l.body());
                b.append(')');
            }
            case Expr.Lambda l -> showLambda(b, l);
            case Expr.Apply a -> {
                List<Expr> args = new ArrayList<>();
                Expr f = a;
                while (f instanceof Expr.Apply app) {
                    args.add(0, app.argument());
                    f = app.function();
                }
                b.append('(');
                show(b, f);
                for (Expr x : args) {
                    b.append(' ');
                    show(b, x);
                }
                b.append(')');
            }
            case Expr.If i -> {
                b.append("(if ");
                show(b, i.condition());
                b.append(" then ");
                show(b, i.then());
                b.append(" else ");
                show(b, i.otherwise());
                b.append(')');
            }
            case Expr.Assert a -> {
                b.append("assert ");
                show(b, a.condition());
                b.append("; ");
                show(b, a.body());
            }
            case Expr.With w -> {
                b.append("(with ");
                show(b, w.scope());
                b.append("; ");
                show(b, w.body());
                b.append(')');
            }
            case Expr.Not n -> {
                b.append("(! ");
                show(b, n.operand());
                b.append(')');
            }
            case Expr.Negate n -> {
                b.append("(__sub 0 ");
                show(b, n.operand());
                b.append(')');
            }
            case Expr.BinOp op -> showBinOp(b, op);
            case Expr.CurPos c -> b.append("__curPos");
        }
    }

    private static void showBinOp(StringBuilder b, Expr.BinOp op) {
        switch (op.op()) {
            case SUB -> call(b, "__sub", op.left(), op.right());
            case MUL -> call(b, "__mul", op.left(), op.right());
            case DIV -> call(b, "__div", op.left(), op.right());
            case LT -> call(b, "__lessThan", op.left(), op.right());
            case GT -> call(b, "__lessThan", op.right(), op.left());
            case LE -> {
                b.append("(! ");
                call(b, "__lessThan", op.right(), op.left());
                b.append(')');
            }
            case GE -> {
                b.append("(! ");
                call(b, "__lessThan", op.left(), op.right());
                b.append(')');
            }
            default -> {
                b.append('(');
                show(b, op.left());
                b.append(' ').append(op.op().symbol()).append(' ');
                show(b, op.right());
                b.append(')');
            }
        }
    }

    private static void call(StringBuilder b, String f, Expr x, Expr y) {
        b.append('(').append(f).append(' ');
        show(b, x);
        b.append(' ');
        show(b, y);
        b.append(')');
    }

    private static void showBinding(StringBuilder b, String name, Expr.AttrDef d, String beforeSemicolon) {
        if (d.inherited()) {
            b.append("inherit ").append(name).append(beforeSemicolon).append("; ");
        } else {
            b.append(name).append(" = ");
            show(b, d.value());
            b.append("; ");
        }
    }

    private static void showLambda(StringBuilder b, Expr.Lambda l) {
        b.append('(');
        if (l.formals() != null) {
            b.append("{ ");
            boolean first = true;
            for (Expr.Formal f : l.formals().formals()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append(f.name());
                if (f.defaultValue() != null) {
                    b.append(" ? ");
                    show(b, f.defaultValue());
                }
            }
            if (l.formals().ellipsis()) {
                if (!first) {
                    b.append(", ");
                }
                b.append("...");
            }
            b.append(" }");
            if (l.argName() != null) {
                b.append(" @ ");
            }
        }
        if (l.argName() != null) {
            b.append(l.argName());
        }
        b.append(": ");
        show(b, l.body());
        b.append(')');
    }

    private static void showString(StringBuilder b, List<Expr.StrPart> parts) {
        if (parts.isEmpty()) {
            b.append("\"\"");
        } else if (parts.size() == 1 && parts.get(0) instanceof Expr.StrPart.Literal lit) {
            b.append(NixFormat.quoteString(lit.text()));
        } else {
            showParts(b, parts, false);
        }
    }

    private static void showParts(StringBuilder b, List<Expr.StrPart> parts, boolean path) {
        b.append('(');
        boolean first = true;
        for (Expr.StrPart p : parts) {
            if (!first) {
                b.append(" + ");
            }
            switch (p) {
                case Expr.StrPart.Literal lit -> b.append(first && path ? lit.text() : NixFormat.quoteString(lit.text()));
                case Expr.StrPart.Interpolation in -> show(b, in.expr());
            }
            first = false;
        }
        b.append(')');
    }

    private static void showPath(StringBuilder b, List<Expr.AttrName> path) {
        boolean first = true;
        for (Expr.AttrName n : path) {
            if (!first) {
                b.append('.');
            }
            first = false;
            switch (n) {
                case Expr.AttrName.Static s -> b.append(s.name());
                case Expr.AttrName.Dynamic d -> {
                    b.append("\"${");
                    show(b, d.expr());
                    b.append("}\"");
                }
            }
        }
    }
}
