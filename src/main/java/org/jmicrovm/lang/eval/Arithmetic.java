package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/**
 * Nix's {@code __add}, {@code __sub}, {@code __mul} and {@code __div}: integers unless either
 * operand is a float; integer arithmetic wraps around like Nix 2.8's.
 */
public final class Arithmetic {

    private Arithmetic() {}

    public static Value add(Value a, Value b, Pos pos) {
        if (a instanceof NixInt x && b instanceof NixInt y) {
            return NixInt.of(x.value() + y.value());
        }
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(Force.number(a, pos) + Force.number(b, pos));
        }
        return NixInt.of(Force.integer(a, pos) + Force.integer(b, pos));
    }

    public static Value sub(Value a, Value b, Pos pos) {
        if (a instanceof NixInt x && b instanceof NixInt y) {
            return NixInt.of(x.value() - y.value());
        }
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(Force.number(a, pos) - Force.number(b, pos));
        }
        return NixInt.of(Force.integer(a, pos) - Force.integer(b, pos));
    }

    public static Value mul(Value a, Value b, Pos pos) {
        if (a instanceof NixInt x && b instanceof NixInt y) {
            return NixInt.of(x.value() * y.value());
        }
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(Force.number(a, pos) * Force.number(b, pos));
        }
        return NixInt.of(Force.integer(a, pos) * Force.integer(b, pos));
    }

    public static Value div(Value a, Value b, Pos pos) {
        double divisor = Force.number(b, pos);
        if (divisor == 0) {
            throw new EvalError("division by zero", pos);
        }
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(Force.number(a, pos) / divisor);
        }
        long x = Force.integer(a, pos);
        long y = Force.integer(b, pos);
        if (x == Long.MIN_VALUE && y == -1) {
            throw new EvalError("overflow in integer division", pos);
        }
        return NixInt.of(x / y);
    }
}
