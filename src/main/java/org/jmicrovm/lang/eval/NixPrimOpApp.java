package org.jmicrovm.lang.eval;

/** A built-in function applied to fewer arguments than it takes. */
public record NixPrimOpApp(NixPrimOp primOp, Lazy[] args) implements NixFunction {

    @Override
    public String describe() {
        return "the partially applied built-in function '" + primOp.name() + "'";
    }

    @Override
    public String toString() {
        return "NixPrimOpApp[" + primOp.name() + " " + args.length + "/" + primOp.arity() + "]";
    }
}
