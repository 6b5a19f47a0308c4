package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/**
 * The properties a definition can carry ({@code mkIf}, {@code mkMerge}, {@code mkOverride},
 * {@code mkOrder}) and the passes that resolve them, with nixpkgs' semantics: conditions are
 * pushed down to the leaves before they are evaluated (so that a condition may read the
 * configuration it guards), priorities keep only the strongest definitions, orders sort stably.
 */
final class Properties {

    static final int DEFAULT_OVERRIDE_PRIORITY = 100;
    static final int OPTION_DEFAULT_PRIORITY = 1500;
    static final int DEFAULT_ORDER_PRIORITY = 1000;

    // the type tags are constants: one string each instead of one per property made
    private static final NixString TAG_IF = NixValues.ascii("if");
    private static final NixString TAG_MERGE = NixValues.ascii("merge");
    private static final NixString TAG_OVERRIDE = NixValues.ascii("override");
    private static final NixString TAG_ORDER = NixValues.ascii("order");

    private static final String[] IF_NAMES = {"_type", "condition", "content"};
    private static final String[] PRIORITY_NAMES = {"_type", "content", "priority"};

    private Properties() {}

    static NixAttrs mkIf(Lazy condition, Lazy content) {
        return NixValues.sortedAttrs(IF_NAMES, TAG_IF, condition, content);
    }

    static NixAttrs mkMerge(Lazy contents) {
        return NixValues.attrs("_type", TAG_MERGE, "contents", contents);
    }

    static NixAttrs mkOverride(Lazy priority, Lazy content) {
        return NixValues.sortedAttrs(PRIORITY_NAMES, TAG_OVERRIDE, content, priority);
    }

    static NixAttrs mkOrder(Lazy priority, Lazy content) {
        return NixValues.sortedAttrs(PRIORITY_NAMES, TAG_ORDER, content, priority);
    }

    /**
     * {@code pushDownProperties}: a configuration set becomes a list of sets without properties at
     * the top: {@code mkMerge} is flattened, {@code mkIf}/{@code mkOverride} move onto each attribute.
     */
    static List<Lazy> pushDown(Lazy cfg) {
        List<Lazy> out = new ArrayList<>();
        pushDown(cfg, out);
        return out;
    }

    private static void pushDown(Lazy cfg, List<Lazy> out) {
        Value v = cfg.force();
        switch (NixValues.typeTag(v)) {
            case "merge" -> {
                for (Lazy c : Force.list(NixValues.select(v, "contents", Pos.NONE), Pos.NONE).array()) {
                    pushDown(c, out);
                }
            }
            case "if" -> {
                Lazy condition = NixValues.get(v, "condition");
                for (Lazy c : pushDown(NixValues.get(v, "content"))) {
                    out.add(wrapEach(c, content -> mkIf(condition, content)));
                }
            }
            case "override" -> {
                Lazy priority = NixValues.get(v, "priority");
                for (Lazy c : pushDown(NixValues.get(v, "content"))) {
                    out.add(wrapEach(c, content -> mkOverride(priority, content)));
                }
            }
            default -> out.add(cfg);
        }
    }

    /** {@code mapAttrs (n: v: wrap v) set}, lazily, keeping the positions of the attributes. */
    private static Lazy wrapEach(Lazy set, java.util.function.Function<Lazy, Value> wrap) {
        return new Thunk.Of(Pos.NONE, () -> {
            NixAttrs a = Force.attrs(set, Pos.NONE);
            Lazy[] values = new Lazy[a.size()];
            String[] names = new String[a.size()];
            org.jmicrovm.lang.ast.Pos[] positions = new org.jmicrovm.lang.ast.Pos[a.size()];
            for (int i = 0; i < a.size(); i++) {
                Lazy content = a.value(i);
                names[i] = a.name(i);
                values[i] = new Thunk.Of(Pos.NONE, () -> wrap.apply(content));
                positions[i] = a.position(i);
            }
            return new NixAttrs(names, values, positions);
        });
    }

    /**
     * {@code dischargeProperties}: evaluates {@code mkIf} conditions and flattens {@code mkMerge}, giving
     * the values a definition really contributes (none for a false condition).
     */
    static void discharge(Value v, List<Lazy> out, Lazy original) {
        switch (NixValues.typeTag(v)) {
            case "merge" -> {
                for (Lazy c : Force.list(NixValues.select(v, "contents", Pos.NONE), Pos.NONE).array()) {
                    discharge(c.force(), out, c);
                }
            }
            case "if" -> {
                Value condition = NixValues.get(v, "condition").force();
                if (!(condition instanceof NixBool b)) {
                    throw NixValues.thrown("\u2018mkIf\u2019 called with a non-Boolean condition");
                }
                if (b.value()) {
                    Lazy content = NixValues.get(v, "content");
                    discharge(content.force(), out, content);
                }
            }
            default -> out.add(original);
        }
    }

    /** The result of {@code filterOverrides'}: the strongest definitions, stripped of their override. */
    record Filtered(List<Def> values, int highestPrio) {}

    static Filtered filterOverrides(List<Def> defs) {
        int highest = 9999;
        int[] prios = new int[defs.size()];
        for (int i = 0; i < defs.size(); i++) {
            prios[i] = priorityOf(defs.get(i).value().force());
            highest = Math.min(highest, prios[i]);
        }
        List<Def> kept = new ArrayList<>(defs.size());
        for (int i = 0; i < defs.size(); i++) {
            if (prios[i] == highest) {
                Def def = defs.get(i);
                Value v = def.value().force();
                kept.add("override".equals(NixValues.typeTag(v)) ? def.withValue(NixValues.get(v, "content")) : def);
            }
        }
        return new Filtered(kept, highest);
    }

    private static int priorityOf(Value v) {
        if ("override".equals(NixValues.typeTag(v))) {
            return (int) Force.integer(NixValues.select(v, "priority", Pos.NONE), Pos.NONE);
        }
        return DEFAULT_OVERRIDE_PRIORITY;
    }

    /** {@code sortProperties} when any definition has an order: stable sort by order priority. */
    static List<Def> sortIfOrdered(List<Def> defs) {
        boolean anyOrder = false;
        for (Def d : defs) {
            if ("order".equals(NixValues.typeTag(d.value().force()))) {
                anyOrder = true;
            }
        }
        if (!anyOrder) {
            return defs;
        }
        List<Def> stripped = new ArrayList<>(defs.size());
        for (Def d : defs) {
            Value v = d.value().force();
            if ("order".equals(NixValues.typeTag(v))) {
                int p = (int) Force.integer(NixValues.select(v, "priority", Pos.NONE), Pos.NONE);
                stripped.add(d.withOrder(NixValues.get(v, "content"), p));
            } else {
                stripped.add(d);
            }
        }
        stripped.sort(Comparator.comparingInt(d -> d.order() == Def.NO_ORDER ? DEFAULT_ORDER_PRIORITY : d.order()));
        return stripped;
    }

    static NixInt prio(int p) {
        return NixInt.of(p);
    }
}
