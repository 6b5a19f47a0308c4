package org.jmicrovm.lang.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Expr.AttrDef;
import org.jmicrovm.lang.ast.Expr.AttrName;
import org.jmicrovm.lang.ast.Expr.AttrSet;
import org.jmicrovm.lang.ast.Expr.DynamicAttr;
import org.jmicrovm.lang.ast.Pos;

/**
 * The bindings of one attribute set or {@code let} while it is being parsed. Attribute
 * paths are merged into nested sets as Nix 2.8 does it:
 * <ul>
 *   <li>{@code a.b = 1; a.c = 2;} share one nested set {@code a};</li>
 *   <li>a path may go through a set written out explicitly ({@code a = { b = 1; }; a.c = 2;}),
 *       which then gains the attribute (keeping its {@code rec});</li>
 *   <li>two explicit sets for the same name are merged: the static attributes of the later
 *       one are added to the earlier one, and, as in Nix 2.8, its dynamic attributes are lost;</li>
 *   <li>a dynamic name ({@code ${e}}) always makes a new nested set.</li>
 * </ul>
 */
final class Bindings {

    /** One attribute: either a finished expression, or a nested set still being built. */
    private static final class Entry {
        final Pos pos;
        final boolean inherited;
        Expr value;
        Bindings nested;

        Entry(Pos pos, Expr value, Bindings nested, boolean inherited) {
            this.pos = pos;
            this.value = value;
            this.nested = nested;
            this.inherited = inherited;
        }

        /** The nested set, if this attribute is an attribute set literal (not inherited). */
        Bindings asBindings() {
            if (inherited) {
                return null;
            }
            if (nested == null && value instanceof AttrSet set) {
                nested = Bindings.of(set);
                value = null;
            }
            return nested;
        }
    }

    private record Dynamic(Pos pos, Expr name, Expr value, Bindings nested) {}

    private final Pos pos;
    private final boolean recursive;
    private final LinkedHashMap<String, Entry> attrs = new LinkedHashMap<>();
    private final List<Dynamic> dynamics = new ArrayList<>();

    Bindings(Pos pos, boolean recursive) {
        this.pos = pos;
        this.recursive = recursive;
    }

    private static Bindings of(AttrSet set) {
        Bindings b = new Bindings(set.pos(), set.recursive());
        set.attrs().forEach((name, def) -> b.attrs.put(name, new Entry(def.pos(), def.value(), null, def.inherited())));
        for (DynamicAttr d : set.dynamicAttrs()) {
            b.dynamics.add(new Dynamic(d.pos(), d.name(), d.value(), null));
        }
        return b;
    }

    boolean hasDynamic() {
        return !dynamics.isEmpty();
    }

    /** {@code inherit x;} or {@code inherit (e) x;}: value is the Var or the Select. */
    void inherit(String name, Expr value, boolean fromScope, Pos defPos) {
        Entry existing = attrs.get(name);
        if (existing != null) {
            throw duplicate(NixSyntax.showId(name), defPos, existing.pos);
        }
        attrs.put(name, new Entry(defPos, value, null, fromScope));
    }

    /** {@code a.b.c = value;}, defined at defPos (the start of the attribute path). */
    void define(List<AttrName> path, Expr value, Pos defPos) {
        Bindings current = this;
        for (int i = 0; i < path.size() - 1; i++) {
            AttrName name = path.get(i);
            if (name instanceof AttrName.Static(String s)) {
                Entry entry = current.attrs.get(s);
                if (entry == null) {
                    Bindings nested = new Bindings(defPos, false);
                    current.attrs.put(s, new Entry(defPos, null, nested, false));
                    current = nested;
                } else {
                    Bindings nested = entry.asBindings();
                    if (nested == null) {
                        throw duplicate(NixSyntax.showAttrPath(path), defPos, entry.pos);
                    }
                    current = nested;
                }
            } else {
                Bindings nested = new Bindings(defPos, false);
                current.dynamics.add(new Dynamic(defPos, ((AttrName.Dynamic) name).expr(), null, nested));
                current = nested;
            }
        }
        AttrName last = path.get(path.size() - 1);
        if (last instanceof AttrName.Dynamic(Expr nameExpr)) {
            current.dynamics.add(new Dynamic(defPos, nameExpr, value, null));
            return;
        }
        String s = ((AttrName.Static) last).name();
        Entry entry = current.attrs.get(s);
        if (entry == null) {
            current.attrs.put(s, new Entry(defPos, value, null, false));
            return;
        }
        Bindings existing = entry.asBindings();
        if (existing == null || !(value instanceof AttrSet added)) {
            throw duplicate(NixSyntax.showAttrPath(path), defPos, entry.pos);
        }
        for (Map.Entry<String, AttrDef> e : added.attrs().entrySet()) {
            Entry clash = existing.attrs.get(e.getKey());
            if (clash != null) {
                // Nix 2.8 reports this one the other way round: at the earlier definition.
                throw duplicate(NixSyntax.showId(e.getKey()), clash.pos, e.getValue().pos());
            }
            AttrDef def = e.getValue();
            existing.attrs.put(e.getKey(), new Entry(def.pos(), def.value(), null, def.inherited()));
        }
    }

    private static ParseException duplicate(String shownPath, Pos where, Pos previous) {
        return new ParseException("attribute '" + shownPath + "' already defined at " + previous, where);
    }

    AttrSet toAttrSet() {
        return new AttrSet(pos, recursive, definitions(), dynamicDefinitions());
    }

    LinkedHashMap<String, AttrDef> definitions() {
        LinkedHashMap<String, AttrDef> out = new LinkedHashMap<>();
        attrs.forEach((name, e) -> out.put(name,
                new AttrDef(e.pos, e.nested != null ? e.nested.toAttrSet() : e.value, e.inherited)));
        return out;
    }

    private List<DynamicAttr> dynamicDefinitions() {
        List<DynamicAttr> out = new ArrayList<>(dynamics.size());
        for (Dynamic d : dynamics) {
            out.add(new DynamicAttr(d.pos(), d.name(), d.nested() != null ? d.nested().toAttrSet() : d.value()));
        }
        return out;
    }
}
