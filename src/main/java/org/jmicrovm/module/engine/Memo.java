package org.jmicrovm.module.engine;

import java.util.function.Supplier;
import org.jmicrovm.lang.eval.EvalError;

/**
 * A Java value computed at most once, with the evaluator's rules for thunks: while it is being
 * computed, asking for it again is infinite recursion (reported as Nix reports it), and a failed
 * computation leaves it unevaluated so that the same error shows again.
 */
final class Memo<T> implements Supplier<T> {

    private Supplier<T> supplier;
    private T value;
    private boolean running;

    Memo(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    @Override
    public T get() {
        T v = value;
        if (v != null) {
            return v;
        }
        if (running) {
            throw new EvalError("infinite recursion encountered", null);
        }
        running = true;
        try {
            v = supplier.get();
        } finally {
            running = false;
        }
        value = v;
        supplier = null;
        return v;
    }

    boolean isDone() {
        return value != null;
    }
}
