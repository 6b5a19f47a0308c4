package org.jmicrovm.module.engine;

import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;

/**
 * Using an option type, which is always a Nix attribute set ({@code _type = "option-type"}):
 * types written in Nix ({@code mkOptionType}, {@code //} on a type) work exactly like the built-in
 * ones, which are the same kind of set with Java functions inside.
 */
final class TypeOps {

    private TypeOps() {}

    static boolean check(Evaluator ev, Lazy type, Lazy value) {
        Value f = NixValues.select(type, "check", Pos.NONE);
        return Force.bool(ev.apply(f, value, Pos.NONE), Pos.NONE);
    }

    static Value merge(Evaluator ev, Lazy type, List<String> loc, List<Def> defs) {
        Value f = NixValues.select(type, "merge", Pos.NONE);
        if (f instanceof NixPrimOp op && op.impl() instanceof Types.JavaMerge java) {
            // the engine's own merge: the same definitions it would read back from their Nix form
            List<Def> passed = new java.util.ArrayList<>(defs.size());
            for (Def d : defs) {
                passed.add(d.asPassed());
            }
            return java.impl().merge(loc, passed);
        }
        return ev.applyAll(f, new Lazy[] {locValue(loc), defsValue(defs)}, Pos.NONE);
    }

    static NixList locValue(List<String> loc) {
        Lazy[] out = new Lazy[loc.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new NixString(loc.get(i));
        }
        return out.length == 0 ? NixList.EMPTY : new NixList(out);
    }

    static NixList defsValue(List<Def> defs) {
        Lazy[] out = new Lazy[defs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = defs.get(i).toNix();
        }
        return out.length == 0 ? NixList.EMPTY : new NixList(out);
    }

    /** The definitions a merge function received ({@code [ { file; value; } ]}), back as Java records. */
    static List<Def> defsOf(Lazy defs) {
        NixList list = Force.list(defs, Pos.NONE);
        Def[] out = new Def[list.size()];
        for (int i = 0; i < out.length; i++) {
            NixAttrs d = Force.attrs(list.get(i), Pos.NONE);
            Lazy file = d.get("file");
            Lazy value = d.get("value");
            if (value == null) {
                value = NixValues.lazy(() -> NixValues.select(d, "value", Pos.NONE));
            }
            boolean plain = d.size() == 2 && file != null;
            out[i] = new Def(file == null ? "<unknown-file>" : fileText(file.force()), value, d.positionOf("value"),
                    plain ? null : d, Def.NO_ORDER);
        }
        return List.of(out);
    }

    static String fileText(Value file) {
        if (file instanceof NixString s) {
            return ByteStrings.toText(s.bytes());
        }
        if (file instanceof org.jmicrovm.lang.eval.NixPath p) {
            return ByteStrings.toText(p.bytes());
        }
        return String.valueOf(file);
    }

    static List<String> locOf(Lazy loc) {
        return NixValues.stringList(loc.force(), Pos.NONE);
    }

    static String description(Lazy typeLazy) {
        NixAttrs type = Force.attrs(typeLazy, Pos.NONE);
        Lazy d = type.get("description");
        if (d == null) {
            return "<no description>";
        }
        Value v = d.force();
        return v instanceof NixString s ? ByteStrings.toText(s.bytes()) : "<no description>";
    }

    static String name(Lazy typeLazy) {
        NixAttrs type = Force.attrs(typeLazy, Pos.NONE);
        Lazy n = type.get("name");
        return n != null && n.force() instanceof NixString s ? ByteStrings.toText(s.bytes()) : null;
    }

    static Value getSubModules(Lazy typeLazy) {
        NixAttrs type = Force.attrs(typeLazy, Pos.NONE);
        Lazy m = type.get("getSubModules");
        return m == null ? NixNull.NULL : m.force();
    }
}
