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
 * {@code builtins.fromJSON}: strict RFC 8259 JSON, read the way the nlohmann library in Nix 2.8
 * reads it, errors included ({@code [json.exception.parse_error.101] parse error at line 1,
 * column 3: syntax error while parsing object key - invalid literal; last read: '{no'; expected
 * string literal}). Integers become Nix integers (unsigned ones above 2^63 wrap around, as in
 * Nix 2.8), other numbers floats; a repeated key keeps its last value. Input and strings are
 * byte strings.
 */
final class JsonParser {

    private enum Token {
        TRUE("true literal"), FALSE("false literal"), NULL("null literal"), STRING("string literal"),
        NUMBER("number literal"), BEGIN_ARRAY("'['"), BEGIN_OBJECT("'{'"), END_ARRAY("']'"), END_OBJECT("'}'"),
        NAME_SEPARATOR("':'"), VALUE_SEPARATOR("','"), PARSE_ERROR("<parse error>"), END_OF_INPUT("end of input"),
        LITERAL_OR_VALUE("'[', '{', or a literal");

        final String shown;

        Token(String shown) {
            this.shown = shown;
        }
    }

    private static final BigInteger UNSIGNED_MAX = new BigInteger("18446744073709551615");
    private static final int EOF = -1;

    private final String s;
    private final Pos pos;
    // lexer state, as nlohmann's: the current char, chars read, and the text read since the last token reset
    private int next;
    private int current = EOF;
    private boolean unget;
    private int linesRead;
    private int charsReadCurrentLine;
    private final StringBuilder tokenString = new StringBuilder();
    private final StringBuilder tokenBuffer = new StringBuilder();
    private String errorMessage = "";
    private Token last;

    private JsonParser(String s, Pos pos) {
        this.s = s;
        this.pos = pos;
    }

    static Value parse(String bytes, Pos pos) {
        JsonParser p = new JsonParser(bytes, pos);
        p.scanToken();
        Value v = p.value();
        p.scanToken();
        if (p.last != Token.END_OF_INPUT) {
            throw p.error(Token.END_OF_INPUT, "value");
        }
        return v;
    }

    // ----- parser ---------------------------------------------------------------------

    /** A value starting at the current token. */
    private Value value() {
        switch (last) {
            case BEGIN_OBJECT -> {
                return object();
            }
            case BEGIN_ARRAY -> {
                return array();
            }
            case STRING -> {
                return new NixString(tokenBuffer.toString());
            }
            case NUMBER -> {
                return number(tokenBuffer.toString());
            }
            case TRUE -> {
                return NixBool.TRUE;
            }
            case FALSE -> {
                return NixBool.FALSE;
            }
            case NULL -> {
                return NixNull.NULL;
            }
            case PARSE_ERROR -> throw error(null, "value");
            default -> throw error(Token.LITERAL_OR_VALUE, "value");
        }
    }

    private Value object() {
        NixAttrs.Builder b = NixAttrs.builder();
        scanToken();
        if (last == Token.END_OBJECT) {
            return b.build();
        }
        while (true) {
            if (last != Token.STRING) {
                throw error(Token.STRING, "object key");
            }
            String key = tokenBuffer.toString();
            scanToken();
            if (last != Token.NAME_SEPARATOR) {
                throw error(Token.NAME_SEPARATOR, "object separator");
            }
            scanToken();
            b.put(key, value());
            scanToken();
            if (last == Token.VALUE_SEPARATOR) {
                scanToken();
                continue;
            }
            if (last == Token.END_OBJECT) {
                return b.build();
            }
            throw error(Token.END_OBJECT, "object");
        }
    }

    private Value array() {
        List<Lazy> out = new ArrayList<>();
        scanToken();
        if (last == Token.END_ARRAY) {
            return NixList.EMPTY;
        }
        while (true) {
            out.add(value());
            scanToken();
            if (last == Token.VALUE_SEPARATOR) {
                scanToken();
                continue;
            }
            if (last == Token.END_ARRAY) {
                return NixList.of(out);
            }
            throw error(Token.END_ARRAY, "array");
        }
    }

    private static Value number(String text) {
        boolean integer = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (integer) {
            BigInteger n = new BigInteger(text);
            if (n.bitLength() < 64 || n.signum() > 0 && n.compareTo(UNSIGNED_MAX) <= 0) {
                return NixInt.of(n.longValue());
            }
        }
        return new NixFloat(Double.parseDouble(text));
    }

    private EvalError error(Token expected, String context) {
        StringBuilder m = new StringBuilder("syntax error while parsing ").append(context).append(" - ");
        if (last == Token.PARSE_ERROR) {
            m.append(errorMessage).append("; last read: '").append(tokenString).append('\'');
        } else {
            m.append("unexpected ").append(last.shown);
        }
        if (expected != null) {
            m.append("; expected ").append(expected.shown);
        }
        String where = "parse error at line " + (linesRead + 1) + ", column " + charsReadCurrentLine + ": ";
        return new EvalError("[json.exception.parse_error.101] " + where + m, pos);
    }

    // ----- lexer ----------------------------------------------------------------------

    private int get() {
        charsReadCurrentLine++;
        if (unget) {
            unget = false;
        } else {
            current = next < s.length() ? s.charAt(next++) : EOF;
        }
        if (current != EOF) {
            appendTokenChar(current);
        }
        if (current == '\n') {
            linesRead++;
            charsReadCurrentLine = 0;
        }
        return current;
    }

    private void unget() {
        unget = true;
        if (charsReadCurrentLine == 0) {
            if (linesRead > 0) {
                linesRead--;
            }
        } else {
            charsReadCurrentLine--;
        }
        if (current != EOF && tokenString.length() > 0) {
            tokenString.setLength(tokenString.length() - (current <= 0x1f ? "<U+0000>".length() : 1));
        }
    }

    private void appendTokenChar(int c) {
        if (c <= 0x1f) {
            tokenString.append(String.format("<U+%04X>", c));
        } else {
            tokenString.append((char) c);
        }
    }

    private void reset() {
        tokenBuffer.setLength(0);
        tokenString.setLength(0);
        if (current != EOF) {
            appendTokenChar(current);
        }
    }

    private void scanToken() {
        last = scan();
    }

    private Token scan() {
        do {
            get();
        } while (current == ' ' || current == '\t' || current == '\n' || current == '\r');
        switch (current) {
            case '[':
                return Token.BEGIN_ARRAY;
            case ']':
                return Token.END_ARRAY;
            case '{':
                return Token.BEGIN_OBJECT;
            case '}':
                return Token.END_OBJECT;
            case ':':
                return Token.NAME_SEPARATOR;
            case ',':
                return Token.VALUE_SEPARATOR;
            case 't':
                return literal("true", Token.TRUE);
            case 'f':
                return literal("false", Token.FALSE);
            case 'n':
                return literal("null", Token.NULL);
            case '"':
                return string();
            case EOF:
            case 0:
                return Token.END_OF_INPUT;
            default:
                if (current == '-' || current >= '0' && current <= '9') {
                    return numberToken();
                }
                errorMessage = "invalid literal";
                return Token.PARSE_ERROR;
        }
    }

    private Token literal(String text, Token token) {
        for (int k = 1; k < text.length(); k++) {
            if (get() != text.charAt(k)) {
                errorMessage = "invalid literal";
                return Token.PARSE_ERROR;
            }
        }
        return token;
    }

    private Token string() {
        reset();
        while (true) {
            int c = get();
            switch (c) {
                case EOF -> {
                    errorMessage = "invalid string: missing closing quote";
                    return Token.PARSE_ERROR;
                }
                case '"' -> {
                    return Token.STRING;
                }
                case '\\' -> {
                    int e = get();
                    switch (e) {
                        case '"' -> tokenBuffer.append('"');
                        case '\\' -> tokenBuffer.append('\\');
                        case '/' -> tokenBuffer.append('/');
                        case 'b' -> tokenBuffer.append('\b');
                        case 'f' -> tokenBuffer.append('\f');
                        case 'n' -> tokenBuffer.append('\n');
                        case 'r' -> tokenBuffer.append('\r');
                        case 't' -> tokenBuffer.append('\t');
                        case 'u' -> {
                            int cp = hex4();
                            if (cp < 0) {
                                errorMessage = "invalid string: '\\u' must be followed by 4 hex digits";
                                return Token.PARSE_ERROR;
                            }
                            if (cp >= 0xD800 && cp <= 0xDBFF) {
                                if (get() != '\\' || get() != 'u') {
                                    errorMessage = "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
                                    return Token.PARSE_ERROR;
                                }
                                int low = hex4();
                                if (low < 0) {
                                    errorMessage = "invalid string: '\\u' must be followed by 4 hex digits";
                                    return Token.PARSE_ERROR;
                                }
                                if (low < 0xDC00 || low > 0xDFFF) {
                                    errorMessage = "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
                                    return Token.PARSE_ERROR;
                                }
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                                errorMessage = "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF";
                                return Token.PARSE_ERROR;
                            }
                            appendUtf8(tokenBuffer, cp);
                        }
                        default -> {
                            errorMessage = "invalid string: forbidden character after backslash";
                            return Token.PARSE_ERROR;
                        }
                    }
                }
                default -> {
                    if (c <= 0x1f) {
                        errorMessage = "invalid string: control character " + controlName(c);
                        return Token.PARSE_ERROR;
                    }
                    if (c < 0x80) {
                        tokenBuffer.append((char) c);
                    } else if (!utf8Sequence(c)) {
                        errorMessage = "invalid string: ill-formed UTF-8 byte";
                        return Token.PARSE_ERROR;
                    }
                }
            }
        }
    }

    /** Validates and copies one multi-byte UTF-8 sequence whose first byte is {@code first}. */
    private boolean utf8Sequence(int first) {
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (first >= 0xC2 && first <= 0xDF) {
            len = 2;
        } else if (first >= 0xE0 && first <= 0xEF) {
            len = 3;
            lo = first == 0xE0 ? 0xA0 : 0x80;
            hi = first == 0xED ? 0x9F : 0xBF;
        } else if (first >= 0xF0 && first <= 0xF4) {
            len = 4;
            lo = first == 0xF0 ? 0x90 : 0x80;
            hi = first == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        tokenBuffer.append((char) first);
        for (int k = 1; k < len; k++) {
            int c = get();
            if (c < lo || c > hi) {
                return false;
            }
            tokenBuffer.append((char) c);
            lo = 0x80;
            hi = 0xBF;
        }
        return true;
    }

    /** nlohmann's wording: {@code U+000A (LF) must be escaped to \u000A or \n}. */
    private static String controlName(int c) {
        String[] names = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
            "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS",
            "RS", "US"};
        String escaped = switch (c) {
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> null;
        };
        String u = String.format("\\u%04X", c);
        return String.format("U+%04X (%s)", c, names[c]) + " must be escaped to " + (escaped == null ? u : u + " or " + escaped);
    }

    private int hex4() {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(get(), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
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

    /** A number as nlohmann scans it: the longest valid prefix, or an error naming what is missing. */
    private Token numberToken() {
        reset();
        tokenBuffer.append((char) current);
        int c = current;
        if (c == '-') {
            c = get();
            if (c >= '1' && c <= '9' || c == '0') {
                tokenBuffer.append((char) c);
            } else {
                errorMessage = "invalid number; expected digit after '-'";
                return Token.PARSE_ERROR;
            }
        }
        if (c != '0') {
            c = digits();
        } else {
            c = get();
        }
        if (c == '.') {
            tokenBuffer.append('.');
            c = get();
            if (c < '0' || c > '9') {
                errorMessage = "invalid number; expected digit after '.'";
                return Token.PARSE_ERROR;
            }
            tokenBuffer.append((char) c);
            c = digits();
        }
        if (c == 'e' || c == 'E') {
            tokenBuffer.append((char) c);
            c = get();
            if (c == '+' || c == '-') {
                tokenBuffer.append((char) c);
                c = get();
                if (c < '0' || c > '9') {
                    errorMessage = "invalid number; expected digit after exponent sign";
                    return Token.PARSE_ERROR;
                }
            } else if (c < '0' || c > '9') {
                errorMessage = "invalid number; expected '+', '-', or digit after exponent";
                return Token.PARSE_ERROR;
            }
            tokenBuffer.append((char) c);
            c = digits();
        }
        unget();
        return Token.NUMBER;
    }

    /** Reads digits after one already taken; returns the first non-digit. */
    private int digits() {
        while (true) {
            int c = get();
            if (c >= '0' && c <= '9') {
                tokenBuffer.append((char) c);
            } else {
                return c;
            }
        }
    }
}
