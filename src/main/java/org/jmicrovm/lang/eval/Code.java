package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/**
 * Compiled Nix code: the {@link org.jmicrovm.lang.ast.Expr} tree after the {@link Compiler} has
 * resolved every variable to a slot and flattened applications. Each node evaluates itself to
 * a value in weak head normal form, or {@linkplain #delay delays} itself as a thunk.
 *
 * <p>The node kinds live, grouped by theme, in {@link BasicCode}, {@link AttrCode},
 * {@link OperatorCode}, {@link LambdaCode} and {@link CallCode}.
 */
public abstract class Code {

    protected final Pos pos;

    protected Code(Pos pos) {
        this.pos = pos == null ? Pos.NONE : pos;
    }

    public final Pos pos() {
        return pos;
    }

    /** Evaluates to weak head normal form. */
    public abstract Value eval(Env env);

    /**
     * The value of this code as an element of a lazy structure. Constants and variables do
     * not need a new thunk (Nix's "maybeThunk"); everything else is suspended.
     */
    public Lazy delay(Env env) {
        return new Thunk.OfCode(this, env);
    }
}
