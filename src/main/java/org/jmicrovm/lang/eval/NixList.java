package org.jmicrovm.lang.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A list of lazy elements. The backing array is never modified after construction, except that
 * {@link #force(int)} replaces a thunk by its own value; code that builds a list hands over a
 * fresh array.
 */
public final class NixList implements Value {

    public static final NixList EMPTY = new NixList(new Lazy[0]);

    private final Lazy[] elements;

    /** Wraps the array without copying it: the caller must not modify it afterwards. */
    public NixList(Lazy[] elements) {
        this.elements = elements;
    }

    public static NixList of(List<? extends Lazy> elements) {
        return elements.isEmpty() ? EMPTY : new NixList(elements.toArray(new Lazy[0]));
    }

    public int size() {
        return elements.length;
    }

    public Lazy get(int index) {
        return elements[index];
    }

    /**
     * Forces element {@code index} and keeps its value in place of the thunk, which nothing can tell
     * apart (a forced thunk is its value). For code that forces whole lists (concatStringsSep,
     * --strict, JSON): the thunks become garbage at once instead of being kept, and copied by the
     * collector, as long as the list lives.
     */
    public Value force(int index) {
        Lazy e = elements[index];
        if (e instanceof Value v) {
            return v;
        }
        Value v = e.force();
        elements[index] = v;
        return v;
    }

    /** The backing array, for fast iteration; never modify it. */
    public Lazy[] array() {
        return elements;
    }

    public List<Lazy> asList() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String describe() {
        return "a list";
    }

    @Override
    public String toString() {
        return "NixList[" + elements.length + "]";
    }
}
