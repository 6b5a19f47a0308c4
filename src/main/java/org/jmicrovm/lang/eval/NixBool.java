package org.jmicrovm.lang.eval;

/** {@code true} or {@code false}; use the two constants. */
public enum NixBool implements Value {
    FALSE, TRUE;

    public static NixBool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return this == TRUE;
    }

    @Override
    public String typeName() {
        return "bool";
    }

    @Override
    public String describe() {
        return "a Boolean";
    }
}
