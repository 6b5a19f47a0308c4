package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;

/** Attribute sets, let, selection and the {@code ?} operator. */
final class AttrCode {

    private AttrCode() {}

    /**
     * A name in an attribute path: a static byte string, or code computing it ({@code dynamicExpr}
     * is its source, shown in traces only: rendering it for every key would slow down compiling).
     */
    record Key(String name, Code dynamic, org.jmicrovm.lang.ast.Expr dynamicExpr) {

        static Key of(String name) {
            return new Key(name, null, null);
        }

        String eval(Env env) {
            if (dynamic == null) {
                return name;
            }
            return Force.string(dynamic.eval(env), dynamic.pos());
        }

        /** As Nix shows an attribute path in traces. */
        String shown() {
            return dynamic == null ? ByteStrings.toText(name) : "\"${" + ExprShow.show(dynamicExpr) + "}\"";
        }
    }

    static String showPath(Key[] keys) {
        StringBuilder b = new StringBuilder();
        for (Key k : keys) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(k.shown());
        }
        return b.toString();
    }

    /** {@code e.a.b} and {@code e.a.b or d}. */
    static final class Select extends Code {
        final Code target;
        final Key[] keys;
        final Code orDefault;

        Select(Pos pos, Code target, Key[] keys, Code orDefault) {
            super(pos);
            this.target = target;
            this.keys = keys;
            this.orDefault = orDefault;
        }

        @Override
        public Value eval(Env env) {
            Value v = target.eval(env);
            Pos found = null;
            try {
                for (Key key : keys) {
                    String name = key.eval(env);
                    if (v instanceof NixAttrs a) {
                        int i = a.indexOf(name);
                        if (i >= 0) {
                            found = a.position(i);
                            v = a.value(i).force();
                            continue;
                        }
                        Lazy more = a.unlisted(name);
                        if (more != null) {
                            v = more.force();
                            continue;
                        }
                    }
                    if (orDefault != null) {
                        return orDefault.eval(env);
                    }
                    if (!(v instanceof NixAttrs)) {
                        throw EvalError.typeMismatch(v, "a set", pos);
                    }
                    EvalError missing = new EvalError("attribute '" + ByteStrings.toText(name) + "' missing", pos);
                    // a set too large to list (Debian's archive) knows best what was meant
                    String hint = ((NixAttrs) v).unlistedHint(name);
                    if (hint == null) {
                        hint = Suggestions.didYouMean(name, (NixAttrs) v);
                    }
                    if (hint != null) {
                        missing.withHint(hint);
                    }
                    throw missing;
                }
                return v;
            } catch (NixException e) {
                if (found != null && found.isKnown()) {
                    EvalError.frame(e, found, "while evaluating the attribute '" + showPath(keys) + "'");
                }
                throw e;
            }
        }
    }

    /** {@code e ? a.b}. */
    static final class HasAttr extends Code {
        final Code target;
        final Key[] keys;

        HasAttr(Pos pos, Code target, Key[] keys) {
            super(pos);
            this.target = target;
            this.keys = keys;
        }

        @Override
        public Value eval(Env env) {
            Value v = target.eval(env);
            for (int k = 0; k < keys.length; k++) {
                String name = keys[k].eval(env);
                if (!(v instanceof NixAttrs a)) {
                    return NixBool.FALSE;
                }
                Lazy next = a.get(name);
                if (next == null) {
                    return NixBool.FALSE;
                }
                if (k + 1 < keys.length) {
                    v = next.force();
                }
            }
            return NixBool.TRUE;
        }
    }

    /** {@code "${name}" = value;} in a set. */
    record DynamicAttr(Pos pos, Code name, Code value) {}

    /**
     * An attribute set literal. The static names are sorted at compile time, so building the
     * set is one array of thunks; {@code rec} sets use that same array as their scope.
     */
    static final class Attrs extends Code {
        final boolean recursive;
        final String[] names;
        final Code[] values;
        /** For rec sets: which values are {@code inherit x;} and evaluate in the outer scope. */
        final boolean[] inherited;
        final Pos[] positions;
        final DynamicAttr[] dynamic;
        final int overridesIndex;
        private NixAttrs shape;

        Attrs(Pos pos, boolean recursive, String[] names, Code[] values, boolean[] inherited, Pos[] positions,
              DynamicAttr[] dynamic) {
            super(pos);
            this.recursive = recursive;
            this.names = names;
            this.values = values;
            this.inherited = inherited;
            this.positions = positions;
            this.dynamic = dynamic;
            int ov = -1;
            if (recursive) {
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals("__overrides")) {
                        ov = i;
                    }
                }
            }
            this.overridesIndex = ov;
        }

        @Override
        public Value eval(Env env) {
            int n = names.length;
            Lazy[] slots = new Lazy[n];
            Env scope = env;
            if (recursive) {
                scope = new Env(env, slots);
                for (int i = 0; i < n; i++) {
                    // With __overrides every value must look its variables up late (Nix makes
                    // them all thunks), so that overridden slots are seen.
                    slots[i] = inherited[i] ? values[i].delay(env)
                            : overridesIndex >= 0 ? new Thunk.OfCode(values[i], scope) : values[i].delay(scope);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    slots[i] = values[i].delay(env);
                }
            }
            NixAttrs result;
            if (n == 0) {
                result = NixAttrs.EMPTY;
            } else if (shape == null) {
                result = shape = new NixAttrs(names, slots, positions);
            } else {
                // Every evaluation of this literal has the same names: share the lookup index.
                result = shape.withValues(slots, positions);
            }
            if (overridesIndex >= 0) {
                result = applyOverrides(result, slots);
            }
            if (dynamic.length > 0) {
                result = addDynamic(result, scope);
            }
            return result;
        }

        /** The legacy {@code rec { __overrides = { ... }; }}: overrides replace the scope's values too. */
        private NixAttrs applyOverrides(NixAttrs result, Lazy[] slots) {
            NixAttrs overrides = Force.attrs(slots[overridesIndex], pos);
            NixAttrs.Builder b = NixAttrs.builder(names.length + overrides.size());
            for (int i = 0; i < result.size(); i++) {
                b.put(result.name(i), result.value(i), result.position(i));
            }
            for (int i = 0; i < overrides.size(); i++) {
                String name = overrides.name(i);
                int own = result.indexOf(name);
                if (own >= 0) {
                    slots[own] = overrides.value(i);
                }
                b.put(name, overrides.value(i), overrides.position(i));
            }
            return b.build();
        }

        private NixAttrs addDynamic(NixAttrs result, Env scope) {
            if (result.isEmpty() && dynamic.length == 1) {
                // { "${name}" = value; }, common in folds: no builder needed.
                DynamicAttr d = dynamic[0];
                Value nameValue = d.name().eval(scope);
                if (nameValue == NixNull.NULL) {
                    return NixAttrs.EMPTY;
                }
                String name = Force.string(nameValue, d.pos());
                return new NixAttrs(new String[] {name}, new Lazy[] {d.value().delay(scope)}, new Pos[] {d.pos()});
            }
            NixAttrs.Builder b = NixAttrs.builder(result.size() + dynamic.length);
            for (int i = 0; i < result.size(); i++) {
                b.put(result.name(i), result.value(i), result.position(i));
            }
            for (DynamicAttr d : dynamic) {
                Value nameValue = d.name().eval(scope);
                if (nameValue == NixNull.NULL) {
                    continue;
                }
                String name = Force.string(nameValue, d.pos());
                if (b.contains(name)) {
                    NixAttrs sofar = b.build();
                    throw new EvalError("dynamic attribute '" + ByteStrings.toText(name) + "' already defined at "
                            + Evaluator.showPos(sofar.positionOf(name)), d.pos());
                }
                b.put(name, d.value().delay(scope), d.pos());
            }
            return b.build();
        }
    }

    /** {@code let ... in body}. */
    static final class Let extends Code {
        final Code[] values;
        final boolean[] inherited;
        final Code body;

        Let(Pos pos, Code[] values, boolean[] inherited, Code body) {
            super(pos);
            this.values = values;
            this.inherited = inherited;
            this.body = body;
        }

        @Override
        public Value eval(Env env) {
            return body.eval(scope(env));
        }

        private Env scope(Env env) {
            Lazy[] slots = new Lazy[values.length];
            Env scope = new Env(env, slots);
            for (int i = 0; i < slots.length; i++) {
                slots[i] = values[i].delay(inherited[i] ? env : scope);
            }
            return scope;
        }
    }
}
