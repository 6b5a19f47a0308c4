package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.eval.Arithmetic;
import org.jmicrovm.lang.eval.Comparison;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixInt;

/** Arithmetic, bit operations, {@code lessThan}, {@code ceil} and {@code floor}. */
final class ArithmeticBuiltins {

    private ArithmeticBuiltins() {}

    static void register(Registry r) {
        r.primop("add", 2, (ev, a, pos) -> Arithmetic.add(a[0].force(), a[1].force(), pos));
        r.primop("sub", 2, (ev, a, pos) -> Arithmetic.sub(a[0].force(), a[1].force(), pos));
        r.primop("mul", 2, (ev, a, pos) -> Arithmetic.mul(a[0].force(), a[1].force(), pos));
        r.primop("div", 2, (ev, a, pos) -> Arithmetic.div(a[0].force(), a[1].force(), pos));
        r.primop("bitAnd", 2, (ev, a, pos) -> NixInt.of(Force.integer(a[0], pos) & Force.integer(a[1], pos)));
        r.primop("bitOr", 2, (ev, a, pos) -> NixInt.of(Force.integer(a[0], pos) | Force.integer(a[1], pos)));
        r.primop("bitXor", 2, (ev, a, pos) -> NixInt.of(Force.integer(a[0], pos) ^ Force.integer(a[1], pos)));
        r.primop("lessThan", 2, (ev, a, pos) -> NixBool.of(Comparison.lessThan(a[0].force(), a[1].force(), pos)));
        r.primop("ceil", 1, (ev, a, pos) -> NixInt.of((long) Math.ceil(Force.number(a[0], pos))));
        r.primop("floor", 1, (ev, a, pos) -> NixInt.of((long) Math.floor(Force.number(a[0], pos))));
    }
}
