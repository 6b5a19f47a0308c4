package org.jmicrovm.lang.eval;

/** Something that can be applied: a lambda, a built-in function or a partial application of one. */
public sealed interface NixFunction extends Value permits NixLambda, NixPrimOp, NixPrimOpApp {

    @Override
    default String typeName() {
        return "lambda";
    }
}
