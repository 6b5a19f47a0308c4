package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/**
 * {@code mergeDefinitions}: the definitions of one option (or one element of a list or attribute
 * set option) resolved against its type. Everything is lazy and computed once: the final
 * definitions (conditions discharged, weaker priorities dropped, orders sorted), whether there is
 * any, and the merged value.
 */
final class Merged {

    private final Evaluator ev;
    private final List<String> loc;
    private final NixAttrs type;
    private final List<Def> defs;
    private Properties.Filtered filtered;
    private boolean filtering;
    private final Thunk mergedValue = new MergedValue(this);

    Merged(Evaluator ev, List<String> loc, NixAttrs type, List<Def> defs) {
        this.ev = ev;
        this.loc = loc;
        this.type = type;
        this.defs = defs;
    }

    /** The final definitions, computed once (with a thunk's rules: asking again while computing is a cycle). */
    private Properties.Filtered filtered() {
        Properties.Filtered f = filtered;
        if (f != null) {
            return f;
        }
        if (filtering) {
            throw new EvalError("infinite recursion encountered", null);
        }
        filtering = true;
        try {
            f = computeFinal();
        } finally {
            filtering = false;
        }
        filtered = f;
        return f;
    }

    /** The merged value, as a thunk. */
    private static final class MergedValue extends Thunk {
        private Merged merged;

        MergedValue(Merged merged) {
            this.merged = merged;
        }

        @Override
        protected Value compute() {
            return merged.computeValue();
        }

        @Override
        protected void evaluated() {
            merged = null;
        }
    }

    private Properties.Filtered computeFinal() {
        List<Def> discharged = new ArrayList<>(defs.size());
        for (Def def : defs) {
            Value plain;
            try {
                plain = def.value().force();
            } catch (NixException e) {
                throw EvalError.frame(e, Pos.NONE, "while evaluating definitions from `" + def.file() + "':");
            }
            if (NixValues.typeTag(plain).isEmpty()) {
                discharged.add(def); // no property: the definition as it is
                continue;
            }
            List<Lazy> values = new ArrayList<>(2);
            try {
                Properties.discharge(def.value().force(), values, def.value());
            } catch (NixException e) {
                throw EvalError.frame(e, Pos.NONE, "while evaluating definitions from `" + def.file() + "':");
            }
            for (Lazy v : values) {
                Value forced = v.force();
                if ("definition".equals(NixValues.typeTag(forced))) {
                    NixAttrs a = (NixAttrs) forced;
                    discharged.add(new Def(TypeOps.fileText(NixValues.select(a, "file", Pos.NONE)),
                            NixValues.get(a, "value"), Pos.NONE, a, Def.NO_ORDER));
                } else {
                    discharged.add(new Def(def.file(), v, def.pos(), def.attrs(), def.order()));
                }
            }
        }
        Properties.Filtered filtered = Properties.filterOverrides(discharged);
        return new Properties.Filtered(Properties.sortIfOrdered(filtered.values()), filtered.highestPrio());
    }

    List<Def> finalDefs() {
        return filtered().values();
    }

    int highestPrio() {
        return filtered().highestPrio();
    }

    boolean isDefined() {
        return !finalDefs().isEmpty();
    }

    private Value computeValue() {
        List<Def> fin = finalDefs();
        if (fin.isEmpty()) {
            throw NixValues.thrown("The option `" + Messages.showOption(loc)
                    + "' was accessed but has no value defined. Try setting the option.");
        }
        boolean allValid = true;
        for (Def d : fin) {
            if (!TypeOps.check(ev, type, d.value())) {
                allValid = false;
                break;
            }
        }
        if (!allValid) {
            List<Def> invalid = new ArrayList<>();
            for (Def d : fin) {
                if (!TypeOps.check(ev, type, d.value())) {
                    invalid.add(d);
                }
            }
            throw NixValues.thrown("A definition for option `" + Messages.showOption(loc) + "' is not of type `"
                    + TypeOps.description(type) + "'. Definition values:" + Messages.showDefs(ev, invalid));
        }
        return TypeOps.merge(ev, type, loc, fin);
    }

    /** The merged value, lazily. */
    Lazy value() {
        return mergedValue;
    }

    /** {@code optionalValue}: {@code { value = …; }} when defined, else {@code { }}. */
    NixAttrs optionalValue() {
        return isDefined() ? NixValues.attrs("value", mergedValue) : NixAttrs.EMPTY;
    }

    NixList finalDefsValue() {
        return TypeOps.defsValue(finalDefs());
    }

    NixInt highestPrioValue() {
        return NixInt.of(highestPrio());
    }

    /** The {@code mergeDefinitions} result set as Nix code sees it. */
    NixAttrs toNix() {
        Lazy fin = NixValues.lazy(this::finalDefsValue);
        return NixValues.attrs(
                "defsFinal", fin,
                "defsFinal'", NixValues.lazy(() -> NixValues.attrs("values", fin, "highestPrio",
                        NixValues.lazy(this::highestPrioValue))),
                "isDefined", NixValues.lazy(() -> NixValues.bool(isDefined())),
                "mergedValue", mergedValue,
                "optionalValue", NixValues.lazy(this::optionalValue));
    }
}
