package org.jmicrovm.lang.eval;

/** A double-precision float. */
public record NixFloat(double value) implements Value {

    @Override
    public String typeName() {
        return "float";
    }

    @Override
    public String describe() {
        return "a float";
    }
}
