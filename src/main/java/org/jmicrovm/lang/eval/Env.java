package org.jmicrovm.lang.eval;

/**
 * A runtime scope: the slots of one let, rec set, lambda call or with, and the enclosing
 * scope. The compiler resolves every variable to (number of hops up, slot index), so a lookup
 * never searches by name; only variables that can come from a {@code with} are looked up by
 * name in the with's attribute set (slot 0 of a with's Env).
 */
public final class Env {

    final Env up;
    final Lazy[] slots;

    public Env(Env up, Lazy[] slots) {
        this.up = up;
        this.slots = slots;
    }
}
