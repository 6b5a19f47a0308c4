package org.jmicrovm.lang.builtins;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.lang.ast.Pos;

/** Attribute set builtins. */
final class AttrBuiltins {

    private AttrBuiltins() {}

    static void register(Registry r) {
        r.primop("attrNames", 1, (ev, a, pos) -> {
            NixAttrs s = Force.attrs(a[0], pos);
            Lazy[] out = new Lazy[s.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new NixString(s.name(i));
            }
            return new NixList(out);
        });
        r.primop("attrValues", 1, (ev, a, pos) -> {
            NixAttrs s = Force.attrs(a[0], pos);
            Lazy[] out = new Lazy[s.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.value(i);
            }
            return new NixList(out);
        });
        r.primop("hasAttr", 2, (ev, a, pos) -> {
            String name = Force.string(a[0], pos);
            return NixBool.of(Force.attrs(a[1], pos).has(name));
        });
        r.primop("getAttr", 2, (ev, a, pos) -> {
            String name = Force.string(a[0], pos);
            return Args.requireAttr(Force.attrs(a[1], pos), name, "getAttr", pos).force();
        });
        r.globalPrimop("removeAttrs", 2, (ev, a, pos) -> {
            NixAttrs s = Force.attrs(a[0], pos);
            NixList names = Force.list(a[1], pos);
            Set<String> remove = new HashSet<>();
            for (Lazy n : names.array()) {
                remove.add(Force.string(n, pos));
            }
            return filter(s, name -> !remove.contains(name));
        });
        r.primop("intersectAttrs", 2, (ev, a, pos) -> {
            NixAttrs left = Force.attrs(a[0], pos);
            NixAttrs right = Force.attrs(a[1], pos);
            return filter(right, left::has);
        });
        r.primop("listToAttrs", 1, (ev, a, pos) -> {
            NixList l = Force.list(a[0], pos);
            NixAttrs.Builder b = NixAttrs.builder(l.size());
            for (Lazy e : l.array()) {
                NixAttrs item = Force.attrs(e, pos);
                String n = Force.string(Args.requireAttr(item, "name", "listToAttrs", pos), pos);
                if (b.contains(n)) {
                    continue;
                }
                Args.requireAttr(item, "value", "listToAttrs", pos);
                int vi = item.indexOf("value");
                b.put(n, item.value(vi), item.position(vi));
            }
            return b.build();
        });
        r.primop("mapAttrs", 2, (ev, a, pos) -> {
            NixAttrs s = Force.attrs(a[1], pos);
            String[] names = new String[s.size()];
            Lazy[] values = new Lazy[s.size()];
            Pos[] positions = new Pos[s.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = s.name(i);
                NixString name = new NixString(names[i]);
                Lazy value = s.value(i);
                values[i] = new Thunk.Of(pos, () -> ev.applyAll(a[0].force(), new Lazy[] {name, value}, Pos.NONE));
                positions[i] = s.position(i);
            }
            return s.withValues(values, positions);
        });
        r.primop("catAttrs", 2, (ev, a, pos) -> {
            String name = Force.string(a[0], pos);
            List<Lazy> out = new ArrayList<>();
            for (Lazy e : Force.list(a[1], pos).array()) {
                Lazy v = Force.attrs(e, pos).get(name);
                if (v != null) {
                    out.add(v);
                }
            }
            return NixList.of(out);
        });
        r.primop("zipAttrsWith", 2, (ev, a, pos) -> {
            NixList sets = Force.list(a[1], pos);
            Map<String, List<Lazy>> byName = new LinkedHashMap<>();
            for (Lazy e : sets.array()) {
                NixAttrs s = Force.attrs(e, pos);
                for (int i = 0; i < s.size(); i++) {
                    byName.computeIfAbsent(s.name(i), k -> new ArrayList<>()).add(s.value(i));
                }
            }
            NixAttrs.Builder b = NixAttrs.builder(byName.size());
            for (Map.Entry<String, List<Lazy>> en : byName.entrySet()) {
                NixString name = new NixString(en.getKey());
                NixList values = NixList.of(en.getValue());
                b.put(en.getKey(), new Thunk.Of(pos, () -> ev.applyAll(a[0].force(), new Lazy[] {name, values}, Pos.NONE)));
            }
            return b.build();
        });
        r.primop("groupBy", 2, (ev, a, pos) -> {
            Value f = Force.callable(a[0], pos);
            Map<String, List<Lazy>> groups = new LinkedHashMap<>();
            for (Lazy e : Force.list(a[1], pos).array()) {
                String key = Force.string(ev.apply(f, e, pos), pos);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
            NixAttrs.Builder b = NixAttrs.builder(groups.size());
            groups.forEach((k, v) -> b.put(k, NixList.of(v)));
            return b.build();
        });
        r.primop("unsafeGetAttrPos", 2, (ev, a, pos) -> {
            String name = Force.string(a[0], pos);
            NixAttrs s = Force.attrs(a[1], pos);
            int i = s.indexOf(name);
            if (i < 0) {
                return NixNull.NULL;
            }
            return ev.positionValue(s.position(i));
        });
    }

    private static NixAttrs filter(NixAttrs s, java.util.function.Predicate<String> keep) {
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (keep.test(s.name(i))) {
                n++;
            }
        }
        if (n == s.size()) {
            return s;
        }
        String[] names = new String[n];
        Lazy[] values = new Lazy[n];
        Pos[] positions = new Pos[n];
        int k = 0;
        for (int i = 0; i < s.size(); i++) {
            if (keep.test(s.name(i))) {
                names[k] = s.name(i);
                values[k] = s.value(i);
                positions[k] = s.position(i);
                k++;
            }
        }
        return new NixAttrs(names, values, positions);
    }
}
