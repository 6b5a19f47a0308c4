package org.jmicrovm.lang.eval;

import java.util.Objects;
import org.jmicrovm.lang.ast.Pos;

/**
 * A function implemented in Java. It receives its arguments unevaluated once all
 * {@link #arity()} of them are supplied; until then applications build {@link NixPrimOpApp}s.
 * Code outside the lang package creates its own primops with this class and passes them in
 * through {@code EvalOptions} (extra scope or extra builtins).
 */
public final class NixPrimOp implements NixFunction {

    /** The body of a primop: {@code args.length == arity}; {@code pos} is the call site. */
    @FunctionalInterface
    public interface Impl {
        Value call(Evaluator ev, Lazy[] args, Pos pos);
    }

    private final String name;
    private final int arity;
    private final Impl impl;

    public NixPrimOp(String name, int arity, Impl impl) {
        if (arity < 1) {
            throw new IllegalArgumentException("a primop takes at least one argument: " + name);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.arity = arity;
        this.impl = Objects.requireNonNull(impl, "impl");
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    /** The body, so that Java callers can recognise a primop of theirs and call it without Nix values. */
    public Impl impl() {
        return impl;
    }

    public Value call(Evaluator ev, Lazy[] args, Pos pos) {
        return impl.call(ev, args, pos);
    }

    @Override
    public String describe() {
        return "the built-in function '" + name + "'";
    }

    @Override
    public String toString() {
        return "NixPrimOp[" + name + "/" + arity + "]";
    }
}
