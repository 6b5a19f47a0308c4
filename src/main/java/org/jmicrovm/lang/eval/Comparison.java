package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** Nix's {@code <} ({@code __lessThan}): numbers, strings and paths byte-wise, lists lexicographically. */
public final class Comparison {

    private Comparison() {}

    public static boolean lessThan(Value a, Value b, Pos pos) {
        if (a instanceof NixInt x && b instanceof NixInt y) {
            return x.value() < y.value();
        }
        if (a instanceof NixFloat x && b instanceof NixInt y) {
            return x.value() < y.value();
        }
        if (a instanceof NixInt x && b instanceof NixFloat y) {
            return x.value() < y.value();
        }
        if (a instanceof NixFloat x && b instanceof NixFloat y) {
            return x.value() < y.value();
        }
        if (a instanceof NixString x && b instanceof NixString y) {
            return x.bytes().compareTo(y.bytes()) < 0;
        }
        if (a instanceof NixPath x && b instanceof NixPath y) {
            return x.bytes().compareTo(y.bytes()) < 0;
        }
        if (a instanceof NixList x && b instanceof NixList y) {
            EvalThread thread = EvalThread.enter(pos);
            try {
                return lessThanList(x, y, pos);
            } finally {
                EvalThread.exit(thread);
            }
        }
        throw new EvalError("cannot compare " + a.describe() + " with " + b.describe(), pos);
    }

    private static boolean lessThanList(NixList x, NixList y, Pos pos) {
        {
            for (int i = 0; ; i++) {
                if (i == y.size()) {
                    return false;
                }
                if (i == x.size()) {
                    return true;
                }
                if (!Equality.equal(x.get(i), y.get(i))) {
                    return lessThan(x.get(i).force(), y.get(i).force(), pos);
                }
            }
        }
    }
}
