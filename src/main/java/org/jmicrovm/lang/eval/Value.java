package org.jmicrovm.lang.eval;

/**
 * A Nix value in weak head normal form. Compound values ({@link NixList}, {@link NixAttrs})
 * hold {@link Lazy} elements that may still be unevaluated.
 *
 * <p>Values are immutable. Strings and paths are "byte strings": Java strings whose chars are
 * all in 0..255, each standing for one byte of the UTF-8 text, so that lengths, substrings,
 * regular expressions and ordering work on bytes exactly as in Nix (see {@link ByteStrings}).
 */
public sealed interface Value extends Lazy
        permits NixInt, NixFloat, NixBool, NixNull, NixString, NixPath, NixList, NixAttrs, NixFunction {

    @Override
    default Value force() {
        return this;
    }

    /** The name {@code builtins.typeOf} returns: int, float, bool, null, string, path, list, set, lambda. */
    String typeName();

    /** How Nix names the type in errors: "an integer", "a set", "the built-in function 'map'", ... */
    String describe();
}
