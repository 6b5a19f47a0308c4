package org.jmicrovm.lang.eval;

/**
 * The thread evaluation runs on: a very large stack, and a count of how deep evaluation is
 * (nested function calls and nested forcing of thunks). Past {@link #maxDepth} evaluation stops
 * with Nix's "stack overflow" error long before the Java stack runs out, so runaway recursion
 * neither crashes the JVM nor grinds through gigabytes of stack.
 *
 * <p>Keeping the counter in the thread object makes the check a field access on
 * {@link Thread#currentThread()}; code running on other threads is simply not limited.
 */
public final class EvalThread extends Thread {

    final int maxDepth;
    int depth;

    public EvalThread(Runnable task, String name, long stackBytes, int maxDepth) {
        super(null, task, name, stackBytes);
        this.maxDepth = maxDepth;
        setDaemon(true);
    }

    /** Enters one level of evaluation; throws Nix's stack overflow error past the limit. */
    public static EvalThread enter(org.jmicrovm.lang.ast.Pos pos) {
        if (Thread.currentThread() instanceof EvalThread t) {
            if (++t.depth > t.maxDepth) {
                t.depth--;
                throw new EvalError("stack overflow (possible infinite recursion)", pos);
            }
            return t;
        }
        return null;
    }

    /** {@link #enter} for forcing a thunk; its position is only computed for the error. */
    static EvalThread enter(Thunk thunk) {
        if (Thread.currentThread() instanceof EvalThread t) {
            if (++t.depth > t.maxDepth) {
                t.depth--;
                throw new EvalError("stack overflow (possible infinite recursion)", thunk.position());
            }
            return t;
        }
        return null;
    }

    /** {@link #enter} for a function call, which also notices that the caller gave up waiting. */
    static EvalThread enterCall(org.jmicrovm.lang.ast.Pos pos) {
        EvalThread t = enter(pos);
        if (t != null && t.isInterrupted()) {
            t.depth--;
            throw new EvalError("evaluation interrupted", pos);
        }
        return t;
    }

    public static void exit(EvalThread t) {
        if (t != null) {
            t.depth--;
        }
    }
}
