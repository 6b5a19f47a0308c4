package org.jmicrovm.lang.builtins;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;

/**
 * {@code builtins.fromJSON}: strict RFC 8259 JSON (as the nlohmann parser Nix uses): integers
 * become Nix integers (unsigned ones above 2^63 wrap around, as in Nix 2.8), other numbers
 * floats, a repeated key keeps its last value. Input and strings are byte strings.
 */
final class JsonParser {

    private static final BigInteger UNSIGNED_MAX = new BigInteger("18446744073709551615");

    private final String s;
    private final Pos pos;
    private int i;

    private JsonParser(String s, Pos pos) {
        this.s = s;
        this.pos = pos;
    }

    static Value parse(String bytes, Pos pos) {
        JsonParser p = new JsonParser(bytes, pos);
        p.skipSpace();
        Value v = p.value();
        p.skipSpace();
        if (p.i != p.s.length()) {
            throw p.error("syntax error while parsing value - unexpected trailing input");
        }
        return v;
    }

    private EvalError error(String what) {
        return new EvalError("error parsing JSON at byte " + (i + 1) + ": " + what, pos);
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else {
                break;
            }
        }
    }

    private Value value() {
        if (i >= s.length()) {
            throw error("unexpected end of input; expected '[', '{', or a literal");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new NixString(string());
            case 't':
                literal("true");
                return NixBool.TRUE;
            case 'f':
                literal("false");
                return NixBool.FALSE;
            case 'n':
                literal("null");
                return NixNull.NULL;
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("invalid literal");
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) {
            throw error("invalid literal");
        }
        i += word.length();
    }

    private Value object() {
        i++;
        NixAttrs.Builder b = NixAttrs.builder();
        skipSpace();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return b.build();
        }
        while (true) {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error("syntax error while parsing object key - expected string literal");
            }
            String key = string();
            skipSpace();
            if (i >= s.length() || s.charAt(i) != ':') {
                throw error("syntax error while parsing object separator - expected ':'");
            }
            i++;
            skipSpace();
            b.put(key, value());
            skipSpace();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return b.build();
            }
            throw error("syntax error while parsing object - expected '}'");
        }
    }

    private Value array() {
        i++;
        List<Lazy> out = new ArrayList<>();
        skipSpace();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return NixList.EMPTY;
        }
        while (true) {
            skipSpace();
            out.add(value());
            skipSpace();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return NixList.of(out);
            }
            throw error("syntax error while parsing array - expected ']'");
        }
    }

    private String string() {
        i++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("missing closing quote");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character must be escaped");
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    throw error("missing closing quote");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> appendUtf8(out, codePoint());
                    default -> throw error("invalid string: forbidden character after backslash");
                }
            } else if (c < 0x80) {
                out.append(c);
            } else {
                int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
                if (len == 0 || i + len - 1 > s.length()) {
                    throw error("invalid string: ill-formed UTF-8 byte");
                }
                out.append(c);
                for (int k = 1; k < len; k++) {
                    char cc = s.charAt(i++);
                    if (cc < 0x80 || cc > 0xBF) {
                        throw error("invalid string: ill-formed UTF-8 byte");
                    }
                    out.append(cc);
                }
            }
        }
    }

    private int hex4() {
        if (i + 4 > s.length()) {
            throw error("invalid string: '\\u' must be followed by 4 hex digits");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(i++), 16);
            if (d < 0) {
                throw error("invalid string: '\\u' must be followed by 4 hex digits");
            }
            v = v * 16 + d;
        }
        return v;
    }

    private int codePoint() {
        int cp = hex4();
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!s.startsWith("\\u", i)) {
                throw error("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
            }
            i += 2;
            int low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
                throw error("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
            }
            return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            throw error("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
        }
        return cp;
    }

    private static void appendUtf8(StringBuilder out, int cp) {
        if (cp < 0x80) {
            out.append((char) cp);
        } else if (cp < 0x800) {
            out.append((char) (0xC0 | cp >> 6)).append((char) (0x80 | cp & 0x3F));
        } else if (cp < 0x10000) {
            out.append((char) (0xE0 | cp >> 12)).append((char) (0x80 | cp >> 6 & 0x3F)).append((char) (0x80 | cp & 0x3F));
        } else {
            out.append((char) (0xF0 | cp >> 18)).append((char) (0x80 | cp >> 12 & 0x3F))
                    .append((char) (0x80 | cp >> 6 & 0x3F)).append((char) (0x80 | cp & 0x3F));
        }
    }

    private Value number() {
        int start = i;
        if (s.charAt(i) == '-') {
            i++;
        }
        if (i >= s.length() || !isDigit(s.charAt(i))) {
            throw error("invalid number");
        }
        if (s.charAt(i) == '0') {
            i++;
        } else {
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        }
        boolean integer = true;
        if (i < s.length() && s.charAt(i) == '.') {
            integer = false;
            i++;
            if (i >= s.length() || !isDigit(s.charAt(i))) {
                throw error("invalid number; expected digit after '.'");
            }
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integer = false;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i >= s.length() || !isDigit(s.charAt(i))) {
                throw error("invalid number; expected digit after exponent");
            }
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        }
        String text = s.substring(start, i);
        if (integer) {
            BigInteger n = new BigInteger(text);
            if (n.bitLength() < 64) {
                return NixInt.of(n.longValue());
            }
            if (n.signum() > 0 && n.compareTo(UNSIGNED_MAX) <= 0) {
                return NixInt.of(n.longValue());
            }
        }
        return new NixFloat(Double.parseDouble(text));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
