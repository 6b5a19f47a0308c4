package org.jmicrovm.lang.eval;

/** A 64-bit signed integer; arithmetic wraps around on overflow, as in Nix 2.8. */
public record NixInt(long value) implements Value {

    private static final NixInt[] SMALL = new NixInt[1280];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NixInt(i - 256);
        }
    }

    /** Shares the instances of small integers, which are by far the most common. */
    public static NixInt of(long value) {
        return value >= -256 && value < SMALL.length - 256 ? SMALL[(int) value + 256] : new NixInt(value);
    }

    @Override
    public String typeName() {
        return "int";
    }

    @Override
    public String describe() {
        return "an integer";
    }
}
