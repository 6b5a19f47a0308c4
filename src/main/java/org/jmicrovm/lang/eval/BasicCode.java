package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** Constants, variables, lists, conditionals and other small node kinds. */
final class BasicCode {

    private BasicCode() {}

    static final class Const extends Code {
        final Value value;
        /** Folded selections ({@code builtins.map}) are thunks in Nix; kept so for faithful printing. */
        final boolean suspended;

        Const(Pos pos, Value value) {
            this(pos, value, false);
        }

        Const(Pos pos, Value value, boolean suspended) {
            super(pos);
            this.value = value;
            this.suspended = suspended;
        }

        @Override
        public Value eval(Env env) {
            return value;
        }

        @Override
        public Lazy delay(Env env) {
            return suspended ? super.delay(env) : value;
        }
    }

    /** A variable bound by a let, rec set or lambda in this scope (level 0). */
    static final class LocalVar0 extends Code {
        final int index;

        LocalVar0(Pos pos, int index) {
            super(pos);
            this.index = index;
        }

        @Override
        public Value eval(Env env) {
            return env.slots[index].force();
        }

        @Override
        public Lazy delay(Env env) {
            Lazy v = env.slots[index];
            // While a let or rec set fills its slots, later ones are still empty: suspend.
            return v != null ? v : super.delay(env);
        }
    }

    /** A variable bound {@code level} scopes up. */
    static final class LocalVar extends Code {
        final int level;
        final int index;

        LocalVar(Pos pos, int level, int index) {
            super(pos);
            this.level = level;
            this.index = index;
        }

        @Override
        public Value eval(Env env) {
            Env e = env;
            for (int i = level; i > 0; i--) {
                e = e.up;
            }
            return e.slots[index].force();
        }

        @Override
        public Lazy delay(Env env) {
            Env e = env;
            for (int i = level; i > 0; i--) {
                e = e.up;
            }
            Lazy v = e.slots[index];
            return v != null ? v : super.delay(env);
        }
    }

    /**
     * A variable not bound lexically, looked up by name in the enclosing {@code with} scopes,
     * innermost first ({@code withLevels} are the hops up to each with's Env).
     */
    static final class WithVar extends Code {
        final String name;
        final int[] withLevels;

        WithVar(Pos pos, String name, int[] withLevels) {
            super(pos);
            this.name = name;
            this.withLevels = withLevels;
        }

        @Override
        public Value eval(Env env) {
            return lookup(env).force();
        }

        Lazy lookup(Env env) {
            Env e = env;
            int at = 0;
            for (int level : withLevels) {
                for (; at < level; at++) {
                    e = e.up;
                }
                NixAttrs scope = Force.attrs(e.slots[0], pos);
                Lazy v = scope.get(name);
                if (v != null) {
                    return v;
                }
            }
            throw new EvalError("undefined variable '" + ByteStrings.toText(name) + "'", pos);
        }
    }

    static final class ListCode extends Code {
        final Code[] elements;

        ListCode(Pos pos, Code[] elements) {
            super(pos);
            this.elements = elements;
        }

        @Override
        public Value eval(Env env) {
            int n = elements.length;
            if (n == 0) {
                return NixList.EMPTY;
            }
            Lazy[] out = new Lazy[n];
            for (int i = 0; i < n; i++) {
                out[i] = elements[i].delay(env);
            }
            return new NixList(out);
        }
    }

    static final class If extends Code {
        final Code condition;
        final Code then;
        final Code otherwise;

        If(Pos pos, Code condition, Code then, Code otherwise) {
            super(pos);
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        public Value eval(Env env) {
            Value c = condition.eval(env);
            if (c == NixBool.TRUE) {
                return then.eval(env);
            }
            if (c == NixBool.FALSE) {
                return otherwise.eval(env);
            }
            throw EvalError.typeMismatch(c, "a Boolean", condition.pos());
        }
    }

    static final class Assert extends Code {
        final Code condition;
        final Code body;
        /** The condition's source, rendered for the message only when the assertion fails. */
        final org.jmicrovm.lang.ast.Expr shown;

        Assert(Pos pos, Code condition, Code body, org.jmicrovm.lang.ast.Expr shown) {
            super(pos);
            this.condition = condition;
            this.body = body;
            this.shown = shown;
        }

        @Override
        public Value eval(Env env) {
            Value c = condition.eval(env);
            if (c == NixBool.FALSE) {
                throw new ThrownError("assertion '" + ExprShow.show(shown) + "' failed", pos);
            }
            if (c != NixBool.TRUE) {
                throw EvalError.typeMismatch(c, "a Boolean", condition.pos());
            }
            return body.eval(env);
        }
    }

    /** {@code with scope; body}: the scope is a lazy slot, forced only by a with-variable lookup. */
    static final class With extends Code {
        final Code scope;
        final Code body;

        With(Pos pos, Code scope, Code body) {
            super(pos);
            this.scope = scope;
            this.body = body;
        }

        @Override
        public Value eval(Env env) {
            return body.eval(new Env(env, new Lazy[] {scope.delay(env)}));
        }
    }

    /** {@code <nixpkgs/lib>}. */
    static final class SearchPath extends Code {
        final Evaluator ev;
        final String path;

        SearchPath(Pos pos, Evaluator ev, String path) {
            super(pos);
            this.ev = ev;
            this.path = path;
        }

        @Override
        public Value eval(Env env) {
            return ev.findFile(path, pos);
        }
    }

    /** {@code __curPos}. */
    static final class CurPos extends Code {
        final Evaluator ev;

        CurPos(Pos pos, Evaluator ev) {
            super(pos);
            this.ev = ev;
        }

        @Override
        public Value eval(Env env) {
            return ev.positionValue(pos);
        }
    }
}
