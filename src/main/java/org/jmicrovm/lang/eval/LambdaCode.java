package org.jmicrovm.lang.eval;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;

/**
 * A compiled lambda: {@code x: body}, {@code { a, b ? d, ... }: body} or {@code args@{ ... }: body}.
 * Evaluating it captures the environment in a {@link NixLambda}; {@link #bind} makes the
 * environment of one call, checking the formal arguments as Nix does.
 */
public final class LambdaCode extends Code {

    /** A formal argument as {@code builtins.functionArgs} sees it. */
    public record Formal(String name, boolean hasDefault, Pos pos) {}

    private final String name;
    private final String argName;
    private final String[] formalNames;
    private final Pos[] formalPositions;
    private final Code[] defaults;
    private final boolean ellipsis;
    private Code body;

    LambdaCode(Pos pos, String name, String argName, String[] formalNames, Pos[] formalPositions, boolean ellipsis) {
        super(pos);
        this.formalPositions = formalPositions;
        this.name = name;
        this.argName = argName;
        this.formalNames = formalNames;
        this.defaults = formalNames == null ? null : new Code[formalNames.length];
        this.ellipsis = ellipsis;
    }

    /** Set by the compiler once the body (which may refer to the formals) is compiled. */
    void setBody(Code body) {
        this.body = body;
    }

    void setDefault(int index, Code value) {
        defaults[index] = value;
    }

    Code body() {
        return body;
    }

    /** The name the lambda is bound to ({@code f = x: ...;}), or null. */
    public String name() {
        return name;
    }

    /** The name of the whole argument ({@code x} in {@code x: ...} or {@code x@{ ... }:}), or null. */
    public String argName() {
        return argName;
    }

    public boolean hasEllipsis() {
        return ellipsis;
    }

    public boolean hasFormals() {
        return formalNames != null;
    }

    public List<Formal> formals() {
        List<Formal> out = new ArrayList<>();
        if (formalNames != null) {
            for (int i = 0; i < formalNames.length; i++) {
                out.add(new Formal(formalNames[i], defaults[i] != null, formalPositions[i]));
            }
        }
        return out;
    }

    /** "'f'" or "anonymous lambda", as in Nix's traces. */
    public String displayName() {
        return name == null ? "anonymous lambda" : "'" + ByteStrings.toText(name) + "'";
    }

    @Override
    public Value eval(Env env) {
        return new NixLambda(this, env);
    }

    /** The environment for evaluating the body with argument {@code arg}. */
    Env bind(Env closure, Lazy arg, Pos callPos) {
        if (formalNames == null) {
            return new Env(closure, new Lazy[] {arg});
        }
        NixAttrs args = Force.attrs(arg, callPos);
        int n = formalNames.length;
        Lazy[] slots = new Lazy[argName == null ? n : n + 1];
        Env env = new Env(closure, slots);
        int used = 0;
        for (int i = 0; i < n; i++) {
            Lazy given = args.get(formalNames[i]);
            if (given != null) {
                slots[i] = given;
                used++;
            } else if (defaults[i] != null) {
                slots[i] = defaults[i].delay(env);
            } else {
                throw new EvalError(callee() + " called without required argument '"
                        + ByteStrings.toText(formalNames[i]) + "'", callPos);
            }
        }
        if (!ellipsis && used != args.size()) {
            for (int i = 0; i < args.size(); i++) {
                if (!isFormal(args.name(i))) {
                    throw new EvalError(callee() + " called with unexpected argument '"
                            + ByteStrings.toText(args.name(i)) + "'", callPos);
                }
            }
        }
        if (argName != null) {
            slots[n] = arg;
        }
        return env;
    }

    private boolean isFormal(String candidate) {
        for (String f : formalNames) {
            if (f.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    private String callee() {
        return (name == null ? "anonymous function" : "'" + ByteStrings.toText(name) + "'")
                + " at " + Evaluator.showPos(pos);
    }
}
