package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** Forcing a lazy value to a given type, with Nix's "value is X while Y was expected" errors. */
public final class Force {

    private Force() {}

    public static NixAttrs attrs(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixAttrs a) {
            return a;
        }
        throw EvalError.typeMismatch(v, "a set", pos);
    }

    public static NixList list(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixList l) {
            return l;
        }
        throw EvalError.typeMismatch(v, "a list", pos);
    }

    public static long integer(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixInt i) {
            return i.value();
        }
        throw EvalError.typeMismatch(v, "an integer", pos);
    }

    /** A float, or an integer converted to one (Nix's forceFloat). */
    public static double number(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixFloat f) {
            return f.value();
        }
        if (v instanceof NixInt i) {
            return i.value();
        }
        throw EvalError.typeMismatch(v, "a float", pos);
    }

    public static boolean bool(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixBool b) {
            return b == NixBool.TRUE;
        }
        throw EvalError.typeMismatch(v, "a Boolean", pos);
    }

    /** The bytes of a string (not coerced: paths and sets are errors). */
    public static String string(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixString s) {
            return s.bytes();
        }
        throw EvalError.typeMismatch(v, "a string", pos);
    }

    public static NixFunction function(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixFunction f) {
            return f;
        }
        throw EvalError.typeMismatch(v, "a function", pos);
    }

    /** A function, or a set with {@code __functor} (both can be called). */
    public static Value callable(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixFunction || v instanceof NixAttrs a && a.has("__functor")) {
            return v;
        }
        throw EvalError.typeMismatch(v, "a function", pos);
    }
}
