package org.jmicrovm.lang.builtins;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.Value;

/**
 * Collects the builtins while the theme classes register them. A "global" builtin is also
 * visible without the {@code builtins.} prefix ({@code map}, {@code toString}, ...); every other
 * one is visible as {@code __name} too, exactly the set Nix 2.8 has.
 */
final class Registry {

    record Entry(String name, Lazy value, boolean global) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    void primop(String name, int arity, NixPrimOp.Impl impl) {
        entries.put(name, new Entry(name, new NixPrimOp(name, arity, impl), false));
    }

    void globalPrimop(String name, int arity, NixPrimOp.Impl impl) {
        entries.put(name, new Entry(name, new NixPrimOp(name, arity, impl), true));
    }

    void constant(String name, Value value) {
        entries.put(name, new Entry(name, value, false));
    }

    void globalConstant(String name, Value value) {
        entries.put(name, new Entry(name, value, true));
    }

    /** Replaces (or adds) a builtin, keeping whether it is global. */
    void override(String name, Value value) {
        Entry old = entries.get(name);
        entries.put(name, new Entry(name, value, old != null && old.global()));
    }

    Map<String, Entry> entries() {
        return entries;
    }
}
