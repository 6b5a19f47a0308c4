package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixFunction;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixString;

/** {@code typeOf} and the {@code is*} predicates. */
final class TypeBuiltins {

    private TypeBuiltins() {}

    static void register(Registry r) {
        r.primop("typeOf", 1, (ev, a, pos) -> Args.str(a[0].force().typeName()));
        r.primop("isAttrs", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixAttrs));
        r.primop("isBool", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixBool));
        r.primop("isFloat", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixFloat));
        r.primop("isFunction", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixFunction));
        r.primop("isInt", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixInt));
        r.primop("isList", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixList));
        r.globalPrimop("isNull", 1, (ev, a, pos) -> NixBool.of(a[0].force() == NixNull.NULL));
        r.primop("isPath", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixPath));
        r.primop("isString", 1, (ev, a, pos) -> NixBool.of(a[0].force() instanceof NixString));
    }
}
