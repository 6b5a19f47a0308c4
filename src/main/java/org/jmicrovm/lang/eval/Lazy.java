package org.jmicrovm.lang.eval;

/**
 * Something that is, or will on demand become, a {@link Value}: either a value already in
 * weak head normal form or a {@link Thunk} that computes one once and remembers it.
 *
 * <p>Lists, attribute sets and environments hold {@code Lazy} elements, so laziness is visible
 * in the types: code that needs a value must call {@link #force()}.
 */
public sealed interface Lazy permits Value, Thunk {

    /** The value, computing it first if this is a thunk that has not been forced yet. */
    Value force();
}
