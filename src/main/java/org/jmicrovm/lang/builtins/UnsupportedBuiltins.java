package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.eval.EvalError;

/**
 * Builtins of Nix 2.8 that jmicrovm does not provide: they exist (so {@code builtins ? fetchGit}
 * and the feature checks in nixpkgs' lib see what they see with Nix), but calling one fails
 * at once with an error that names it.
 */
final class UnsupportedBuiltins {

    private UnsupportedBuiltins() {}

    /** Name, arity and whether it is visible without the {@code builtins.} prefix. */
    private record Missing(String name, int arity, boolean global, String hint) {}

    private static final Missing[] MISSING = {
        new Missing("derivation", 1, true, "jmicrovm builds guests from Debian packages, not derivations"),
        new Missing("derivationStrict", 1, true, "jmicrovm builds guests from Debian packages, not derivations"),
        new Missing("fetchGit", 1, true, "jmicrovm never downloads during evaluation"),
        new Missing("fetchMercurial", 1, true, "jmicrovm never downloads during evaluation"),
        new Missing("fetchTarball", 1, true, "jmicrovm never downloads during evaluation"),
        new Missing("fetchTree", 1, true, "jmicrovm never downloads during evaluation"),
        new Missing("fetchurl", 1, false, "jmicrovm never downloads during evaluation"),
        new Missing("storePath", 1, false, "jmicrovm's evaluator has no Nix store"),
    };

    static void register(Registry r) {
        for (Missing m : MISSING) {
            String message = "builtins." + m.name() + " is not supported by jmicrovm (" + m.hint() + ")";
            if (m.global()) {
                r.globalPrimop(m.name(), m.arity(), (ev, a, pos) -> {
                    throw new EvalError(message, pos);
                });
            } else {
                r.primop(m.name(), m.arity(), (ev, a, pos) -> {
                    throw new EvalError(message, pos);
                });
            }
        }
    }
}
