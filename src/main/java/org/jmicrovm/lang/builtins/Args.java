package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.lang.ast.Pos;

/** Small helpers shared by the builtins. */
final class Args {

    private Args() {}

    static NixString str(String bytes) {
        return bytes.isEmpty() ? NixString.EMPTY : new NixString(bytes);
    }

    /** {@code coerceToString} with Nix's defaults for builtins (copy paths, no coerceMore). */
    static String coerce(Evaluator ev, Lazy v, Pos pos) {
        return ev.coerceToString(v.force(), pos, true, false);
    }

    /** A required attribute of an argument set, with Nix's error when it is absent. */
    static Lazy requireAttr(NixAttrs set, String name, String function, Pos pos) {
        Lazy v = set.get(name);
        if (v == null) {
            throw new EvalError("attribute '" + ByteStrings.toText(name) + "' missing for call to '" + function + "'", pos);
        }
        return v;
    }

    static String text(String bytes) {
        return ByteStrings.toText(bytes);
    }

    static Value bool(boolean b) {
        return org.jmicrovm.lang.eval.NixBool.of(b);
    }
}
