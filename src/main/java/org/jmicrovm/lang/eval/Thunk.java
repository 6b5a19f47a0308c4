package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/**
 * A suspended computation that runs at most once: the first {@link #force()} computes the
 * value and remembers it. While it runs the thunk is a "black hole": forcing it again means the
 * value depends on itself, which Nix reports as infinite recursion.
 *
 * <p>If the computation fails the thunk returns to its unevaluated state (as in Nix), so that
 * {@code tryEval} and later attempts see the same error again rather than a false
 * infinite recursion.
 */
public abstract non-sealed class Thunk implements Lazy {

    private Value value;
    private boolean running;

    @Override
    public final Value force() {
        Value v = value;
        if (v != null) {
            return v;
        }
        if (running) {
            throw new EvalError("infinite recursion encountered", position());
        }
        EvalThread thread = EvalThread.enter(this);
        running = true;
        try {
            v = compute();
        } finally {
            running = false;
            EvalThread.exit(thread);
        }
        value = v;
        evaluated();
        return v;
    }

    public final boolean isEvaluated() {
        return value != null;
    }

    /** Computes the value (in weak head normal form). */
    protected abstract Value compute();

    /** Called once the value is known: drop references that are no longer needed. */
    protected void evaluated() {}

    /** Where the suspended expression is, for the infinite recursion message. */
    protected Pos position() {
        return Pos.NONE;
    }

    /** A thunk that evaluates compiled code in an environment. */
    static final class OfCode extends Thunk {
        private Code code;
        private Env env;

        OfCode(Code code, Env env) {
            this.code = code;
            this.env = env;
        }

        @Override
        protected Value compute() {
            return code.eval(env);
        }

        @Override
        protected void evaluated() {
            code = null;
            env = null;
        }

        @Override
        protected Pos position() {
            Code c = code;
            return c == null ? Pos.NONE : c.pos();
        }
    }

    /** The application of a function to an argument, computed on demand (used by map, genList, ...). */
    public static final class OfApply extends Thunk {
        private Evaluator ev;
        private Lazy function;
        private Lazy argument;
        private final Pos pos;

        public OfApply(Evaluator ev, Lazy function, Lazy argument, Pos pos) {
            this.ev = ev;
            this.function = function;
            this.argument = argument;
            this.pos = pos;
        }

        @Override
        protected Value compute() {
            return ev.apply(function.force(), argument, pos);
        }

        @Override
        protected void evaluated() {
            ev = null;
            function = null;
            argument = null;
        }

        @Override
        protected Pos position() {
            return pos;
        }
    }

    /** A computation written in Java, e.g. an element of a result of a builtin. */
    public static final class Of extends Thunk {
        private java.util.function.Supplier<Value> supplier;
        private final Pos pos;

        public Of(Pos pos, java.util.function.Supplier<Value> supplier) {
            this.pos = pos;
            this.supplier = supplier;
        }

        @Override
        protected Value compute() {
            return supplier.get();
        }

        @Override
        protected void evaluated() {
            supplier = null;
        }

        @Override
        protected Pos position() {
            return pos;
        }
    }
}
