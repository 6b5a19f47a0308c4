package org.jmicrovm.module.host;

import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixFunction;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.ThrownError;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.engine.NixValues;
import org.jmicrovm.module.pkgs.PackageSet;

/**
 * Configuration values as data a person can read ({@code microvm-host eval -c}): a VM's evaluated
 * guest configuration becomes its {@code config}, package sets and built-in packages become short
 * markers (their store paths exist only once built), functions become {@code "<function>"}, and
 * options without a value or that jmicrovm computes itself are marked instead of failing the whole
 * listing. Any other error is the configuration's and is raised.
 */
public final class ConfigView {

    private ConfigView() {}

    /** A fully evaluated copy of {@code value} with the markers described above. */
    public static Value of(Evaluator ev, Value value) {
        return view(ev, value, 0);
    }

    private static Value view(Evaluator ev, Value v, int depth) {
        if (depth > 200) {
            throw new EvalError("the value is nested too deeply to be shown (a cycle?)", Pos.NONE);
        }
        // instanceof, not a pattern switch: see StartupPathTest
        if (v instanceof NixFunction) {
            return NixValues.str("<function>");
        }
        if (v instanceof NixList l) {
            Lazy[] out = new Lazy[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = element(ev, l.get(i), depth);
            }
            return new NixList(out);
        }
        if (v instanceof NixAttrs a) {
            String tag = NixValues.typeTag(a);
            if (tag.equals("configuration")) {
                NixAttrs config = (NixAttrs) NixValues.select(a, "config", Pos.NONE);
                return view(ev, config, depth + 1);
            }
            if (tag.equals("flake")) {
                // a flake (`flake = self`) contains itself: shown as its source, as Nix's toJSON shows it
                return NixValues.str(ev.coerceToString(a, Pos.NONE, false, false));
            }
            if (tag.equals("pkgs")) {
                return NixValues.str("<pkgs " + NixValues.text(NixValues.select(a, "system", Pos.NONE), Pos.NONE) + ">");
            }
            String attrPath = PackageSet.attrPathOf(a);
            if (attrPath != null) {
                return NixValues.str("<package " + attrPath + " "
                        + NixValues.text(NixValues.select(a, "name", Pos.NONE), Pos.NONE) + ">");
            }
            if (a.has("__functor")) {
                return NixValues.str("<function>");
            }
            if (a.has("outPath") && a.has("type")) {
                return NixValues.str(ev.coerceToString(a, Pos.NONE, false, false));
            }
            String[] names = new String[a.size()];
            Lazy[] values = new Lazy[a.size()];
            for (int i = 0; i < a.size(); i++) {
                names[i] = a.name(i);
                values[i] = element(ev, a.value(i), depth);
            }
            return new NixAttrs(names, values, null);
        }
        return v;
    }

    private static Value element(Evaluator ev, Lazy lazy, int depth) {
        Value v;
        try {
            v = lazy.force();
        } catch (ThrownError e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("was accessed but has no value defined")) {
                return NixValues.str("<no value>");
            }
            if (message.contains("can no longer be used since it's been removed")) {
                return NixValues.str("<removed option>");
            }
            if (message.startsWith("not supported by jmicrovm")) {
                return NixString.ofText("<" + message + ">");
            }
            throw e;
        }
        return view(ev, v, depth + 1);
    }
}
