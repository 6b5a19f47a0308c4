package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** A closure: the compiled lambda and the environment it was created in. */
public record NixLambda(LambdaCode code, Env env) implements NixFunction {

    /** Where the lambda is written. */
    public Pos pos() {
        return code.pos();
    }

    @Override
    public String describe() {
        return "a function";
    }

    @Override
    public String toString() {
        return "NixLambda[" + code.displayName() + " at " + code.pos() + "]";
    }
}
