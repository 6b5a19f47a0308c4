package org.jmicrovm.lang.eval;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Prints values as {@code nix-instantiate --eval} does: {@code { a = 1; b = [ 1 2 ]; }},
 * {@code <LAMBDA>}, {@code <PRIMOP>}, {@code <PRIMOP-APP>}, {@code <CODE>} for what is not
 * evaluated yet, and {@code «repeated»} for a set or list printed before.
 */
public final class ValuePrinter {

    private static final String REPEATED = ByteStrings.fromText("«repeated»");

    private final StringBuilder out = new StringBuilder();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private ValuePrinter() {}

    /** The printed form as a byte string. Nothing is forced: unevaluated parts print as {@code <CODE>}. */
    public static String print(Lazy value) {
        ValuePrinter p = new ValuePrinter();
        p.print0(value);
        return p.out.toString();
    }

    private void print0(Lazy lazy) {
        if (lazy instanceof Thunk t && !t.isEvaluated()) {
            out.append("<CODE>");
            return;
        }
        Value v = lazy.force();
        EvalThread thread = EvalThread.enter(org.jmicrovm.lang.ast.Pos.NONE);
        try {
            printValue(v);
        } finally {
            EvalThread.exit(thread);
        }
    }

    private void printValue(Value v) {
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (v instanceof NixInt i) {
            out.append(i.value());
        } else if (v instanceof NixFloat f) {
            out.append(NixFormat.showFloat(f.value()));
        } else if (v instanceof NixBool b) {
            out.append(b.value() ? "true" : "false");
        } else if (v instanceof NixNull n) {
            out.append("null");
        } else if (v instanceof NixString s) {
            out.append(NixFormat.quoteString(s.bytes()));
        } else if (v instanceof NixPath p) {
            out.append(p.bytes());
        } else if (v instanceof NixAttrs a) {
            if (!a.isEmpty() && !seen.add(a)) {
                out.append(REPEATED);
                return;
            }
            out.append("{ ");
            for (int i = 0; i < a.size(); i++) {
                out.append(NixFormat.attrName(a.name(i))).append(" = ");
                print0(a.value(i));
                out.append("; ");
            }
            out.append('}');
        } else if (v instanceof NixList l) {
            if (l.size() > 0 && !seen.add(l)) {
                out.append(REPEATED);
                return;
            }
            out.append("[ ");
            for (int i = 0; i < l.size(); i++) {
                print0(l.get(i));
                out.append(' ');
            }
            out.append(']');
        } else if (v instanceof NixLambda f) {
            out.append("<LAMBDA>");
        } else if (v instanceof NixPrimOp f) {
            out.append("<PRIMOP>");
        } else if (v instanceof NixPrimOpApp f) {
            out.append("<PRIMOP-APP>");
        }
    }
}
