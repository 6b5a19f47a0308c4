package org.jmicrovm.lang.builtins;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.StorePaths;
import org.jmicrovm.lang.eval.Value;

/**
 * Assembles the outermost scope of every Nix file: the {@code builtins} set, the builtins Nix
 * also binds globally ({@code map}, {@code toString}, {@code true}, ...), the {@code __name}
 * aliases of all others, and the caller's extra variables.
 */
public final class Builtins {

    /** What {@code builtins.nixVersion} says: the Nix release whose behaviour jmicrovm follows. */
    public static final String NIX_VERSION = "2.8.0";
    public static final int LANG_VERSION = 6;

    private Builtins() {}

    public static Map<String, Lazy> baseScope(EvalOptions options) {
        Registry r = new Registry();
        ControlBuiltins.register(r);
        TypeBuiltins.register(r);
        ArithmeticBuiltins.register(r);
        StringBuiltins.register(r);
        RegexBuiltins.register(r);
        ListBuiltins.register(r);
        AttrBuiltins.register(r);
        JsonBuiltins.register(r);
        XmlBuiltins.register(r);
        HashBuiltins.register(r);
        VersionBuiltins.register(r);
        PathBuiltins.register(r);
        UnsupportedBuiltins.register(r);
        r.globalConstant("true", NixBool.TRUE);
        r.globalConstant("false", NixBool.FALSE);
        r.globalConstant("null", NixNull.NULL);
        r.constant("currentSystem", NixString.ofText(options.currentSystem()));
        r.constant("currentTime", NixInt.of(System.currentTimeMillis() / 1000));
        r.constant("nixVersion", NixString.ofText(NIX_VERSION));
        r.constant("langVersion", NixInt.of(LANG_VERSION));
        r.constant("storeDir", NixString.ofText(StorePaths.STORE_DIR));
        r.constant("nixPath", PathBuiltins.nixPath(options.effectiveSearchPath()));
        options.extraBuiltins().forEach(r::override);

        NixAttrs.Builder set = NixAttrs.builder(r.entries().size() + 1);
        NixAttrs[] self = new NixAttrs[1];
        set.put("builtins", new org.jmicrovm.lang.eval.Thunk.Of(null, () -> self[0]));
        Map<String, Lazy> scope = new LinkedHashMap<>();
        for (Registry.Entry e : r.entries().values()) {
            set.put(e.name(), e.value());
            scope.put(e.global() ? e.name() : "__" + e.name(), e.value());
        }
        self[0] = set.build();
        scope.put("builtins", self[0]);
        for (Map.Entry<String, Value> e : options.extraScope().entrySet()) {
            scope.put(e.getKey(), e.getValue());
        }
        return scope;
    }
}
