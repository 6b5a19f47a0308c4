package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/**
 * An error that {@code builtins.tryEval} catches: {@code throw} and failed {@code assert}s, as
 * in Nix. Everything else (abort, missing attributes, type errors) passes through tryEval.
 */
public final class ThrownError extends EvalError {

    public ThrownError(String message, Pos pos) {
        super(message, pos);
    }
}
