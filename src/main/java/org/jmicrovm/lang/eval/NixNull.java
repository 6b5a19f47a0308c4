package org.jmicrovm.lang.eval;

/** {@code null}. */
public enum NixNull implements Value {
    NULL;

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public String describe() {
        return "null";
    }
}
