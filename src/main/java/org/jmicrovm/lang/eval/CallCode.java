package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** Application {@code f a b c}: the parser's nested applications flattened into one call. */
final class CallCode extends Code {

    private final Evaluator ev;
    private final Code function;
    private final Code[] args;

    CallCode(Pos pos, Evaluator ev, Code function, Code[] args) {
        super(pos);
        this.ev = ev;
        this.function = function;
        this.args = args;
    }

    @Override
    public Value eval(Env env) {
        Value f = function.eval(env);
        if (args.length == 1) {
            return ev.apply(f, args[0].delay(env), pos);
        }
        Lazy[] a = new Lazy[args.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = args[i].delay(env);
        }
        return ev.applyAll(f, a, pos);
    }
}
