package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;

/** An error raised while evaluating Nix code. {@code tryEval} does not catch it. */
public class EvalError extends NixException {

    /** Frames beyond this many are dropped: deep recursion would otherwise drown the message. */
    static final int MAX_FRAMES = 40;

    public EvalError(String message, Pos pos) {
        super(message, pos);
    }

    public EvalError(String message, Pos pos, Throwable cause) {
        super(message, pos, cause);
    }

    /** "value is an integer while a set was expected". */
    public static EvalError typeMismatch(Value actual, String expected, Pos pos) {
        return new EvalError("value is " + actual.describe() + " while " + expected + " was expected", pos);
    }

    /** Adds a "while ..." frame unless the trace is already long. */
    public static NixException frame(NixException e, Pos pos, String description) {
        if (e.frameCount() < MAX_FRAMES) {
            e.addFrame(pos, description);
        }
        return e;
    }
}
