package org.jmicrovm.lang.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number and string formatting exactly as Nix 2.8 (C++ iostreams and printf) does it.
 */
public final class NixFormat {

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private NixFormat() {}

    /**
     * A float as {@code std::ostream << double} prints it (printf {@code %g}, six significant
     * digits, trailing zeros dropped): {@code 0.333333}, {@code 1e+20}, {@code 1.23457e+08}. Nix
     * uses this for printing values and for JSON.
     */
    public static String showFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return special(d);
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(SIX_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = stripZeros(rounded.unscaledValue().abs().toString());
            StringBuilder s = new StringBuilder();
            if (d < 0) {
                s.append('-');
            }
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                s.append('0');
            }
            return s.append(e).toString();
        }
        String plain = rounded.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN).toPlainString();
        if (plain.indexOf('.') >= 0) {
            plain = stripZeros(plain);
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain;
    }

    /** A float as {@code std::to_string} (printf {@code %f}) formats it: {@code toString 1.5} is "1.500000". */
    public static String floatToString(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return special(d);
        }
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        if (Double.doubleToRawLongBits(d) < 0 && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    private static String special(double d) {
        boolean negative = Double.doubleToRawLongBits(d) < 0;
        return (negative ? "-" : "") + (Double.isNaN(d) ? "nan" : "inf");
    }

    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    /** A string literal as Nix prints it: quoted, with {@code \" \\ \n \r \t \$}{@code {}} escaped. */
    public static String quoteString(String bytes) {
        StringBuilder out = new StringBuilder(bytes.length() + 2);
        out.append('"');
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '$' -> out.append(i + 1 < bytes.length() && bytes.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** An attribute name as Nix prints it: bare when it is an identifier, quoted otherwise. */
    public static String attrName(String bytes) {
        return isIdentifier(bytes) ? bytes : quoteString(bytes);
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.equals("if")) {
            // Nix 2.8 quotes this one keyword only (checked against nix-instantiate).
            return false;
        }
        char c0 = s.charAt(0);
        if (!(c0 >= 'a' && c0 <= 'z' || c0 >= 'A' && c0 <= 'Z' || c0 == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '\'' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
