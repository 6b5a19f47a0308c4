package org.jmicrovm.lang.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Pos;

/**
 * Turns the syntax tree into {@link Code}: resolves each variable to (hops up, slot) or, when
 * no lexical binding exists, to a lookup in the enclosing {@code with}s; reports undefined
 * variables before evaluation starts, as Nix does; sorts the static names of attribute sets;
 * flattens curried applications; converts literals to byte strings.
 */
final class Compiler {

    /** A compile-time scope: the names of one Env's slots, or a {@code with} (names == null). */
    record Scope(Scope up, Map<String, Integer> names, Env constants) {

        static Scope with(Scope up) {
            return new Scope(up, null, null);
        }

        static Scope of(Scope up, Map<String, Integer> names) {
            return new Scope(up, names, null);
        }
    }

    private final Evaluator ev;

    Compiler(Evaluator ev) {
        this.ev = ev;
    }

    static String name(String text) {
        return ByteStrings.fromText(text).intern();
    }

    Code compile(Expr e, Scope s) {
        return compile(e, s, null);
    }

    /**
     * {@code bindingName}: the attribute or let name the expression is bound to, which names lambdas.
     *
     * <p>An {@code instanceof} chain rather than a pattern {@code switch}, like the other dispatches
     * on sealed types that every evaluation runs (parser, evaluator, JSON writer): each pattern
     * {@code switch} is linked at run time by {@code SwitchBootstraps}, which generates a class for
     * it, and the launcher's AOT cache cannot keep those. That cost ~3 ms for the first one and
     * ~0.5 ms for each further one, at every start of the JVM: a third of evaluating a small file
     * (docs/performance.md). The most frequent kinds come first.
     */
    private Code compile(Expr e, Scope s, String bindingName) {
        if (e instanceof Expr.Var v) {
            return variable(v.pos(), name(v.name()), s);
        }
        if (e instanceof Expr.Select sel) {
            return compileSelect(sel, s);
        }
        if (e instanceof Expr.Apply a) {
            return compileApply(a, s);
        }
        if (e instanceof Expr.Str str) {
            return compileString(str, s);
        }
        if (e instanceof Expr.AttrSet a) {
            return compileAttrs(a, s);
        }
        if (e instanceof Expr.Lambda l) {
            return compileLambda(l, s, bindingName);
        }
        if (e instanceof Expr.BinOp op) {
            return compileBinOp(op, s);
        }
        if (e instanceof Expr.ListExpr l) {
            return compileList(l, s);
        }
        if (e instanceof Expr.IntLit i) {
            return new BasicCode.Const(i.pos(), NixInt.of(i.value()));
        }
        if (e instanceof Expr.Let l) {
            return compileLet(l, s);
        }
        if (e instanceof Expr.If i) {
            return new BasicCode.If(i.pos(), compile(i.condition(), s), compile(i.then(), s),
                    compile(i.otherwise(), s));
        }
        if (e instanceof Expr.HasAttr h) {
            return new AttrCode.HasAttr(h.pos(), compile(h.target(), s), keys(h.path(), s));
        }
        if (e instanceof Expr.With w) {
            return new BasicCode.With(w.pos(), compile(w.scope(), s), compile(w.body(), Scope.with(s)));
        }
        if (e instanceof Expr.Not n) {
            return new OperatorCode.Not(n.pos(), compile(n.operand(), s));
        }
        if (e instanceof Expr.PathLit p) {
            return new BasicCode.Const(p.pos(), new NixPath(Paths.canonical(ByteStrings.fromText(p.path()), p.pos())));
        }
        if (e instanceof Expr.InterpolatedPath p) {
            return compileParts(p.pos(), p.parts(), s, true);
        }
        if (e instanceof Expr.SearchPath p) {
            return compileSearchPath(p, s);
        }
        if (e instanceof Expr.Assert a) {
            return new BasicCode.Assert(a.pos(), compile(a.condition(), s), compile(a.body(), s), a.condition());
        }
        if (e instanceof Expr.FloatLit f) {
            return new BasicCode.Const(f.pos(), new NixFloat(f.value()));
        }
        if (e instanceof Expr.Negate n) {
            Code zero = new BasicCode.Const(n.pos(), NixInt.of(0));
            Code operand = compile(n.operand(), s);
            Code rebound = reboundOperator("__sub", "sub", n.pos(), s);
            return rebound == null ? new OperatorCode.Arith(n.pos(), zero, operand, OperatorCode.ArithOp.SUB)
                    : new CallCode(n.pos(), ev, rebound, new Code[] {zero, operand});
        }
        if (e instanceof Expr.CurPos c) {
            return new BasicCode.CurPos(c.pos(), ev);
        }
        throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
    }

    private Code compileList(Expr.ListExpr l, Scope s) {
        Code[] elems = new Code[l.elements().size()];
        boolean constant = elems.length > 0;
        for (int i = 0; i < elems.length; i++) {
            elems[i] = compile(l.elements().get(i), s);
            constant &= elems[i] instanceof BasicCode.Const c && !c.suspended && isPlainData(c.value);
        }
        if (!constant) {
            return new BasicCode.ListCode(l.pos(), elems);
        }
        // A list of literals (e.g. the patterns of replaceStrings in a loop) is built once. Only plain
        // data is shared, whose identity nothing can observe; it stays a thunk where it is stored
        // unevaluated, as Nix prints it (<CODE>).
        Lazy[] values = new Lazy[elems.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((BasicCode.Const) elems[i]).value;
        }
        return new BasicCode.Const(l.pos(), new NixList(values), true);
    }

    private static boolean isPlainData(Value v) {
        return v instanceof NixString || v instanceof NixInt || v instanceof NixFloat || v instanceof NixBool
                || v instanceof NixNull || v instanceof NixPath;
    }

    private Code variable(Pos pos, String name, Scope s) {
        int level = 0;
        List<Integer> withs = null;
        for (Scope sc = s; sc != null; sc = sc.up(), level++) {
            if (sc.names() == null) {
                if (withs == null) {
                    withs = new ArrayList<>();
                }
                withs.add(level);
                continue;
            }
            Integer index = sc.names().get(name);
            if (index != null) {
                if (sc.constants() != null && sc.constants().slots[index] instanceof Value v) {
                    return new BasicCode.Const(pos, v);
                }
                return level == 0 ? new BasicCode.LocalVar0(pos, index) : new BasicCode.LocalVar(pos, level, index);
            }
        }
        if (withs == null) {
            throw new EvalError("undefined variable '" + ByteStrings.toText(name) + "'", pos);
        }
        return new BasicCode.WithVar(pos, name, withs.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * {@code <p>} is {@code __findFile __nixPath "p"} in Nix, so code may rebind either name;
     * when both are the builtins, the search path is consulted directly.
     */
    private Code compileSearchPath(Expr.SearchPath p, Scope s) {
        Code findFile = variable(p.pos(), name("__findFile"), s);
        Code nixPath = variable(p.pos(), name("__nixPath"), s);
        if (findFile instanceof BasicCode.Const f && f.value instanceof NixPrimOp op && op.name().equals("findFile")
                && nixPath instanceof BasicCode.Const np && np.value == ev.lookupGlobal("__nixPath")) {
            return new BasicCode.SearchPath(p.pos(), ev, p.path());
        }
        Code name = new BasicCode.Const(p.pos(), NixString.ofText(p.path()));
        return new CallCode(p.pos(), ev, findFile, new Code[] {nixPath, name});
    }

    private Code compileString(Expr.Str str, Scope s) {
        List<Expr.StrPart> parts = str.parts();
        if (parts.isEmpty()) {
            return new BasicCode.Const(str.pos(), NixString.EMPTY);
        }
        if (parts.size() == 1 && parts.get(0) instanceof Expr.StrPart.Literal lit) {
            return new BasicCode.Const(str.pos(), new NixString(ByteStrings.fromText(lit.text())));
        }
        return compileParts(str.pos(), parts, s, false);
    }

    /** String interpolation (always a string) or path interpolation (a path, like {@code +}). */
    private Code compileParts(Pos pos, List<Expr.StrPart> parts, Scope s, boolean path) {
        List<Code> codes = new ArrayList<>();
        boolean first = true;
        for (Expr.StrPart p : parts) {
            // (instanceof, not a pattern switch: see compile)
            if (p instanceof Expr.StrPart.Literal lit) {
                String bytes = ByteStrings.fromText(lit.text());
                // The literal prefix of an interpolated path keeps its trailing slash until
                // the whole path is canonicalised, so it is not a canonical NixPath yet.
                Value v = first && path ? new NixPath(bytes) : new NixString(bytes);
                codes.add(new BasicCode.Const(pos, v));
            } else {
                codes.add(compile(((Expr.StrPart.Interpolation) p).expr(), s));
            }
            first = false;
        }
        return new OperatorCode.Concat(pos, ev, codes.toArray(new Code[0]), !path);
    }

    private AttrCode.Key[] keys(List<Expr.AttrName> path, Scope s) {
        AttrCode.Key[] keys = new AttrCode.Key[path.size()];
        for (int i = 0; i < keys.length; i++) {
            // (instanceof, not a pattern switch: see compile)
            keys[i] = path.get(i) instanceof Expr.AttrName.Static st ? AttrCode.Key.of(name(st.name()))
                    : dynamicKey(((Expr.AttrName.Dynamic) path.get(i)).expr(), s);
        }
        return keys;
    }

    private AttrCode.Key dynamicKey(Expr e, Scope s) {
        // "${"a"}" and "a" in attribute paths are static names written differently.
        if (e instanceof Expr.Str str && str.parts().size() == 1 && str.parts().get(0) instanceof Expr.StrPart.Literal lit) {
            return AttrCode.Key.of(name(lit.text()));
        }
        return new AttrCode.Key(null, compile(e, s), e);
    }

    private Code compileSelect(Expr.Select sel, Scope s) {
        Code target = compile(sel.target(), s);
        AttrCode.Key[] keys = keys(sel.path(), s);
        if (sel.orDefault() == null && target instanceof BasicCode.Const c) {
            Value folded = foldSelect(c.value, keys);
            if (folded != null) {
                return new BasicCode.Const(sel.pos(), folded, true);
            }
        }
        return new AttrCode.Select(sel.pos(), target, keys,
                sel.orDefault() == null ? null : compile(sel.orDefault(), s));
    }

    /** {@code builtins.map} and the like: a constant set with a constant member needs no runtime lookup. */
    private static Value foldSelect(Value v, AttrCode.Key[] keys) {
        for (AttrCode.Key k : keys) {
            if (k.dynamic() != null || !(v instanceof NixAttrs a) || !(a.get(k.name()) instanceof Value member)) {
                return null;
            }
            v = member;
        }
        return v;
    }

    private Code compileAttrs(Expr.AttrSet a, Scope s) {
        int n = a.attrs().size();
        String[] names = new String[n];
        Expr.AttrDef[] defs = new Expr.AttrDef[n];
        int k = 0;
        for (Map.Entry<String, Expr.AttrDef> e : a.attrs().entrySet()) {
            names[k] = name(e.getKey());
            defs[k] = e.getValue();
            k++;
        }
        Integer[] order = sortedOrder(names);
        String[] sortedNames = new String[n];
        Pos[] positions = new Pos[n];
        boolean[] inherited = new boolean[n];
        Map<String, Integer> slotOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            sortedNames[i] = names[order[i]];
            positions[i] = defs[order[i]].pos();
            inherited[i] = defs[order[i]].inherited();
            slotOf.put(sortedNames[i], i);
        }
        Scope inner = a.recursive() ? Scope.of(s, slotOf) : s;
        Code[] values = new Code[n];
        for (int i = 0; i < n; i++) {
            Expr.AttrDef d = defs[order[i]];
            values[i] = compile(d.value(), d.inherited() ? s : inner, sortedNames[i]);
        }
        AttrCode.DynamicAttr[] dynamic = new AttrCode.DynamicAttr[a.dynamicAttrs().size()];
        for (int i = 0; i < dynamic.length; i++) {
            Expr.DynamicAttr d = a.dynamicAttrs().get(i);
            dynamic[i] = new AttrCode.DynamicAttr(d.pos(), compile(d.name(), inner), compile(d.value(), inner));
        }
        return new AttrCode.Attrs(a.pos(), a.recursive(), sortedNames, values, inherited, positions, dynamic);
    }

    private static Integer[] sortedOrder(String[] names) {
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> NixAttrs.compareNames(names[x], names[y]));
        return order;
    }

    private Code compileLet(Expr.Let l, Scope s) {
        int n = l.bindings().size();
        Map<String, Integer> slotOf = new HashMap<>();
        Expr.AttrDef[] defs = new Expr.AttrDef[n];
        String[] names = new String[n];
        int k = 0;
        for (Map.Entry<String, Expr.AttrDef> e : l.bindings().entrySet()) {
            names[k] = name(e.getKey());
            slotOf.put(names[k], k);
            defs[k] = e.getValue();
            k++;
        }
        Scope inner = Scope.of(s, slotOf);
        Code[] values = new Code[n];
        boolean[] inherited = new boolean[n];
        for (int i = 0; i < n; i++) {
            inherited[i] = defs[i].inherited();
            values[i] = compile(defs[i].value(), inherited[i] ? s : inner, names[i]);
        }
        return new AttrCode.Let(l.pos(), values, inherited, compile(l.body(), inner));
    }

    private Code compileLambda(Expr.Lambda l, Scope s, String bindingName) {
        String argName = l.argName() == null ? null : name(l.argName());
        Map<String, Integer> slotOf = new HashMap<>();
        String[] formalNames = null;
        Pos[] formalPositions = null;
        if (l.formals() != null) {
            List<Expr.Formal> formals = l.formals().formals();
            formalNames = new String[formals.size()];
            formalPositions = new Pos[formals.size()];
            for (int i = 0; i < formalNames.length; i++) {
                formalNames[i] = name(formals.get(i).name());
                formalPositions[i] = formals.get(i).pos();
                slotOf.put(formalNames[i], i);
            }
            if (argName != null) {
                slotOf.putIfAbsent(argName, formalNames.length);
            }
        } else {
            slotOf.put(argName, 0);
        }
        LambdaCode code = new LambdaCode(l.pos(), bindingName, argName, formalNames, formalPositions,
                l.formals() != null && l.formals().ellipsis());
        Scope inner = Scope.of(s, slotOf);
        if (formalNames != null) {
            List<Expr.Formal> formals = l.formals().formals();
            for (int i = 0; i < formalNames.length; i++) {
                if (formals.get(i).defaultValue() != null) {
                    code.setDefault(i, compile(formals.get(i).defaultValue(), inner));
                }
            }
        }
        code.setBody(compile(l.body(), inner));
        return code;
    }

    private Code compileApply(Expr.Apply a, Scope s) {
        List<Expr> args = new ArrayList<>();
        Expr f = a;
        Pos pos = a.pos();
        while (f instanceof Expr.Apply app) {
            args.add(app.argument());
            pos = app.pos();
            f = app.function();
        }
        Code function = compile(f, s);
        Code[] codes = new Code[args.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = compile(args.get(codes.length - 1 - i), s);
        }
        return new CallCode(pos, ev, function, codes);
    }

    /**
     * Nix's parser turns {@code - * / < <= > >=} into calls of {@code __sub}, {@code __mul},
     * {@code __div} and {@code __lessThan}, looked up like any variable: code that rebinds one
     * of them changes the operator. Returns the rebinding, or null for the builtin itself.
     */
    private Code reboundOperator(String variable, String builtin, Pos pos, Scope s) {
        Code f = variable(pos, name(variable), s);
        if (f instanceof BasicCode.Const c && c.value instanceof NixPrimOp p && p.name().equals(builtin)) {
            return null;
        }
        return f;
    }

    private Code compileBinOp(Expr.BinOp op, Scope s) {
        Code l = compile(op.left(), s);
        Code r = compile(op.right(), s);
        Pos pos = op.pos();
        Code rebound = switch (op.op()) {
            case SUB -> reboundOperator("__sub", "sub", pos, s);
            case MUL -> reboundOperator("__mul", "mul", pos, s);
            case DIV -> reboundOperator("__div", "div", pos, s);
            case LT, LE, GT, GE -> reboundOperator("__lessThan", "lessThan", pos, s);
            default -> null;
        };
        if (rebound != null) {
            return switch (op.op()) {
                case GT -> new CallCode(pos, ev, rebound, new Code[] {r, l});
                case LE -> new OperatorCode.Not(pos, new CallCode(pos, ev, rebound, new Code[] {r, l}));
                case GE -> new OperatorCode.Not(pos, new CallCode(pos, ev, rebound, new Code[] {l, r}));
                default -> new CallCode(pos, ev, rebound, new Code[] {l, r});
            };
        }
        return switch (op.op()) {
            case ADD -> new OperatorCode.Concat(pos, ev, new Code[] {l, r}, false);
            case SUB -> new OperatorCode.Arith(pos, l, r, OperatorCode.ArithOp.SUB);
            case MUL -> new OperatorCode.Arith(pos, l, r, OperatorCode.ArithOp.MUL);
            case DIV -> new OperatorCode.Arith(pos, l, r, OperatorCode.ArithOp.DIV);
            case CONCAT -> new OperatorCode.ConcatLists(pos, l, r);
            case UPDATE -> new OperatorCode.Update(pos, l, r);
            case EQ -> new OperatorCode.Equals(pos, l, r, false);
            case NEQ -> new OperatorCode.Equals(pos, l, r, true);
            case LT -> new OperatorCode.Compare(pos, l, r, OperatorCode.Relation.LT);
            case LE -> new OperatorCode.Compare(pos, l, r, OperatorCode.Relation.LE);
            case GT -> new OperatorCode.Compare(pos, l, r, OperatorCode.Relation.GT);
            case GE -> new OperatorCode.Compare(pos, l, r, OperatorCode.Relation.GE);
            case AND -> new OperatorCode.And(pos, l, r);
            case OR -> new OperatorCode.Or(pos, l, r);
            case IMPL -> new OperatorCode.Implies(pos, l, r);
        };
    }
}
