package org.jmicrovm.lang.eval;

/**
 * Nix's {@code ==}: deep, forcing as far as needed; integers equal floats of the same value;
 * functions are never equal; two derivations are compared by {@code outPath}. Elements that
 * are the very same lazy object are equal without being forced (Nix's pointer-equality rule,
 * which lets {@code [f] == [f]} hold for a function {@code f}).
 */
public final class Equality {

    private Equality() {}

    public static boolean equal(Lazy a, Lazy b) {
        if (a == b) {
            return true;
        }
        return equalValues(a.force(), b.force());
    }

    /** Equality of two forced values, without the identity shortcut at the top. */
    public static boolean equalValues(Value a, Value b) {
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (a instanceof NixInt x) {
            if (b instanceof NixInt y) {
                return x.value() == y.value();
            }
            return b instanceof NixFloat y && x.value() == y.value();
        } else if (a instanceof NixFloat x) {
            if (b instanceof NixFloat y) {
                return x.value() == y.value();
            }
            return b instanceof NixInt y && x.value() == y.value();
        } else if (a instanceof NixBool x) {
            return x == b;
        } else if (a instanceof NixNull x) {
            return x == b;
        } else if (a instanceof NixString x) {
            return b instanceof NixString y && x.length() == y.length() && x.bytes().equals(y.bytes());
        } else if (a instanceof NixPath x) {
            return b instanceof NixPath y && x.bytes().equals(y.bytes());
        } else if (a instanceof NixList x) {
            if (!(b instanceof NixList y) || x.size() != y.size()) {
                return false;
            }
            EvalThread thread = EvalThread.enter(org.jmicrovm.lang.ast.Pos.NONE);
            try {
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(x.get(i), y.get(i))) {
                        return false;
                    }
                }
            } finally {
                EvalThread.exit(thread);
            }
            return true;
        } else if (a instanceof NixAttrs x) {
            if (!(b instanceof NixAttrs y)) {
                return false;
            }
            EvalThread thread = EvalThread.enter(org.jmicrovm.lang.ast.Pos.NONE);
            try {
                return equalAttrs(x, y);
            } finally {
                EvalThread.exit(thread);
            }
        }
        return false; // functions: never equal
    }

    private static boolean equalAttrs(NixAttrs x, NixAttrs y) {
        if (x == y) {
            return true;
        }
        if (isDerivation(x) && isDerivation(y)) {
            Lazy px = x.get("outPath");
            Lazy py = y.get("outPath");
            if (px != null && py != null) {
                return equal(px, py);
            }
        }
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.name(i).equals(y.name(i)) || !equal(x.value(i), y.value(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isDerivation(NixAttrs a) {
        Lazy type = a.get("type");
        return type != null && type.force() instanceof NixString s && s.bytes().equals("derivation");
    }
}
