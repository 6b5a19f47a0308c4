package org.jmicrovm.lang.parse;

/** The range checks Nix applies to number literals (it rejects what does not fit exactly). */
final class NumberLiterals {

    private NumberLiterals() {
    }

    static boolean isRepresentableInt(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Nix reads floats with C's {@code strtod} and rejects a literal when it reports a range
     * error: overflow to infinity, or underflow to zero or to a subnormal number.
     */
    static boolean isRepresentableFloat(String literal) {
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            return false;
        }
        if (value == 0.0) {
            return !hasNonZeroDigit(literal);
        }
        return Math.abs(value) >= Double.MIN_NORMAL;
    }

    private static boolean hasNonZeroDigit(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
