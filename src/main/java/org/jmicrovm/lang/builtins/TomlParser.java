package org.jmicrovm.lang.builtins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;

/**
 * {@code builtins.fromTOML}: TOML 1.0 as the toml11 library in Nix 2.8 reads it (tables, arrays
 * of tables, dotted keys, inline tables, every string and number form). Dates and times are
 * refused, as Nix refuses them; like toml11, a table first made by dotted keys may be opened
 * again with a header.
 */
final class TomlParser {

    /** A table under construction. */
    private static final class Table {
        final Map<String, Object> entries = new LinkedHashMap<>();
        boolean headerDefined;
        boolean inline;
    }

    /** The list an {@code [[array]]} header appends to. */
    private static final class TableArray {
        final List<Table> tables = new ArrayList<>();
    }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private int i;

    private TomlParser(String text) {
        this.s = text;
    }

    static Value parse(String bytes, Pos pos) {
        try {
            TomlParser p = new TomlParser(ByteStrings.toText(bytes));
            return toNix(p.document());
        } catch (Failure e) {
            throw new EvalError("while parsing a TOML string: " + e.getMessage(), pos);
        }
    }

    // ----- document structure ---------------------------------------------------------

    private Table document() {
        Table root = new Table();
        Table current = root;
        while (true) {
            skipBlank();
            if (eof()) {
                return root;
            }
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '#') {
                endOfLine();
                continue;
            }
            if (c == '[') {
                if (s.startsWith("[[", i)) {
                    i += 2;
                    List<String> keys = key();
                    expect("]]");
                    current = arrayTable(root, keys);
                } else {
                    i++;
                    List<String> keys = key();
                    expect("]");
                    current = headerTable(root, keys);
                }
            } else {
                keyValue(current);
            }
            endOfLine();
        }
    }

    private Table headerTable(Table root, List<String> keys) {
        Table t = descend(root, keys.subList(0, keys.size() - 1));
        String last = keys.get(keys.size() - 1);
        Object existing = t.entries.get(last);
        if (existing == null) {
            Table created = new Table();
            created.headerDefined = true;
            t.entries.put(last, created);
            return created;
        }
        if (existing instanceof Table table && !table.headerDefined && !table.inline) {
            table.headerDefined = true;
            return table;
        }
        throw new Failure("table (\"" + String.join(".", keys) + "\") already exists");
    }

    private Table arrayTable(Table root, List<String> keys) {
        Table t = descend(root, keys.subList(0, keys.size() - 1));
        String last = keys.get(keys.size() - 1);
        Object existing = t.entries.get(last);
        Table created = new Table();
        if (existing == null) {
            TableArray array = new TableArray();
            array.tables.add(created);
            t.entries.put(last, array);
        } else if (existing instanceof TableArray array) {
            array.tables.add(created);
        } else {
            throw new Failure("value (\"" + String.join(".", keys) + "\") is not an array of tables");
        }
        return created;
    }

    /** Walks (creating as needed) the tables along {@code keys}; arrays of tables lead to their last table. */
    private static Table descend(Table from, List<String> keys) {
        Table t = from;
        for (String k : keys) {
            Object next = t.entries.get(k);
            if (next == null) {
                Table created = new Table();
                t.entries.put(k, created);
                t = created;
            } else if (next instanceof Table table) {
                if (table.inline) {
                    throw new Failure("inline table (\"" + k + "\") cannot be extended");
                }
                t = table;
            } else if (next instanceof TableArray array) {
                t = array.tables.get(array.tables.size() - 1);
            } else {
                throw new Failure("value (\"" + k + "\") already exists");
            }
        }
        return t;
    }

    private void keyValue(Table into) {
        List<String> keys = key();
        skipBlank();
        if (eof() || s.charAt(i) != '=') {
            throw new Failure("missing key-value separator '='");
        }
        i++;
        skipBlank();
        if (eof() || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '#') {
            throw new Failure("missing value after key-value separator '='");
        }
        Object value = value();
        Table t = descend(into, keys.subList(0, keys.size() - 1));
        String last = keys.get(keys.size() - 1);
        if (t.entries.containsKey(last)) {
            throw new Failure("value (\"" + last + "\") already exists");
        }
        t.entries.put(last, value);
    }

    // ----- keys -----------------------------------------------------------------------

    private List<String> key() {
        List<String> keys = new ArrayList<>();
        while (true) {
            skipBlank();
            if (eof()) {
                throw new Failure("missing key");
            }
            char c = s.charAt(i);
            if (c == '"') {
                keys.add(basicString());
            } else if (c == '\'') {
                keys.add(literalString());
            } else {
                int start = i;
                while (!eof() && isBareKeyChar(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw new Failure("invalid key");
                }
                keys.add(s.substring(start, i));
            }
            skipBlank();
            if (!eof() && s.charAt(i) == '.') {
                i++;
                continue;
            }
            return keys;
        }
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    // ----- values ---------------------------------------------------------------------

    private Object value() {
        char c = s.charAt(i);
        if (s.startsWith("\"\"\"", i)) {
            return multiLineBasicString();
        }
        if (c == '"') {
            return basicString();
        }
        if (s.startsWith("'''", i)) {
            return multiLineLiteralString();
        }
        if (c == '\'') {
            return literalString();
        }
        if (s.startsWith("true", i) && !continuesWord(i + 4)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i) && !continuesWord(i + 5)) {
            i += 5;
            return Boolean.FALSE;
        }
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            return inlineTable();
        }
        return numberOrDate();
    }

    private boolean continuesWord(int at) {
        return at < s.length() && isBareKeyChar(s.charAt(at));
    }

    private List<Object> array() {
        i++;
        List<Object> out = new ArrayList<>();
        while (true) {
            skipBlankLinesAndComments();
            if (eof()) {
                throw new Failure("missing closing ']'");
            }
            if (s.charAt(i) == ']') {
                i++;
                return out;
            }
            out.add(value());
            skipBlankLinesAndComments();
            if (!eof() && s.charAt(i) == ',') {
                i++;
            } else if (eof() || s.charAt(i) != ']') {
                throw new Failure("missing ',' or ']' in an array");
            }
        }
    }

    private Table inlineTable() {
        i++;
        Table t = new Table();
        skipBlank();
        if (!eof() && s.charAt(i) == '}') {
            i++;
            t.inline = true;
            return t;
        }
        while (true) {
            keyValue(t);
            skipBlank();
            if (!eof() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (!eof() && s.charAt(i) == '}') {
                i++;
                freeze(t);
                return t;
            }
            throw new Failure("missing ',' or '}' in an inline table");
        }
    }

    private static void freeze(Table t) {
        t.inline = true;
        for (Object v : t.entries.values()) {
            if (v instanceof Table inner) {
                freeze(inner);
            }
        }
    }

    private Object numberOrDate() {
        int start = i;
        while (!eof() && "0123456789abcdefABCDEFxXoOinINT_+-.:Zz".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String tok = s.substring(start, i);
        if (tok.matches("\\d{4}-\\d{2}-\\d{2}.*") || tok.matches("\\d{2}:\\d{2}.*")) {
            throw new Failure("Dates and times are not supported");
        }
        if (tok.isEmpty()) {
            throw new Failure("unknown value");
        }
        String unsigned = tok.startsWith("+") || tok.startsWith("-") ? tok.substring(1) : tok;
        boolean negative = tok.startsWith("-");
        if (unsigned.equals("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return negative ? -Double.NaN : Double.NaN;
        }
        if (tok.startsWith("0x") || tok.startsWith("0o") || tok.startsWith("0b")) {
            int radix = tok.charAt(1) == 'x' ? 16 : tok.charAt(1) == 'o' ? 8 : 2;
            String digits = checkUnderscores(tok.substring(2));
            try {
                return Long.parseLong(digits, radix);
            } catch (NumberFormatException e) {
                throw new Failure("bad integer: " + tok);
            }
        }
        if (unsigned.contains(".") || unsigned.contains("e") || unsigned.contains("E")) {
            String digits = checkUnderscores(unsigned);
            if (!digits.matches("(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
                throw new Failure("bad float: " + tok);
            }
            double d = Double.parseDouble(digits);
            return negative ? -d : d;
        }
        String digits = checkUnderscores(unsigned);
        if (!digits.matches("\\d+")) {
            throw new Failure("bad integer: " + tok);
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new Failure("bad integer: leading zero");
        }
        try {
            return Long.parseLong((negative ? "-" : "") + digits);
        } catch (NumberFormatException e) {
            throw new Failure("bad integer: out of range");
        }
    }

    private static String checkUnderscores(String t) {
        if (t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
            throw new Failure("bad number: misplaced '_' in " + t);
        }
        return t.replace("_", "");
    }

    // ----- strings --------------------------------------------------------------------

    private String basicString() {
        i++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (eof() || s.charAt(i) == '\n') {
                throw new Failure("missing closing '\"'");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                escape(out);
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new Failure("control character in a string");
            } else {
                out.append(c);
            }
        }
    }

    private String multiLineBasicString() {
        i += 3;
        skipFirstNewline();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (eof()) {
                throw new Failure("missing closing '\"\"\"'");
            }
            if (s.startsWith("\"\"\"", i)) {
                int quotes = 3;
                while (quotes < 5 && i + quotes < s.length() && s.charAt(i + quotes) == '"') {
                    quotes++;
                }
                out.append("\"".repeat(quotes - 3));
                i += quotes;
                return out.toString();
            }
            char c = s.charAt(i++);
            if (c == '\\') {
                int save = i;
                while (!eof() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++;
                }
                if (!eof() && (s.charAt(i) == '\n' || s.startsWith("\r\n", i))) {
                    while (!eof() && Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                } else {
                    i = save;
                    escape(out);
                }
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new Failure("control character in a string");
            } else {
                out.append(c);
            }
        }
    }

    private String literalString() {
        i++;
        int end = s.indexOf('\'', i);
        int nl = s.indexOf('\n', i);
        if (end < 0 || nl >= 0 && nl < end) {
            throw new Failure("missing closing '''");
        }
        String v = s.substring(i, end);
        i = end + 1;
        return v;
    }

    private String multiLineLiteralString() {
        i += 3;
        skipFirstNewline();
        int end = s.indexOf("'''", i);
        if (end < 0) {
            throw new Failure("missing closing '''''");
        }
        int extra = 0;
        while (extra < 2 && end + 3 + extra < s.length() && s.charAt(end + 3 + extra) == '\'') {
            extra++;
        }
        String v = s.substring(i, end + extra);
        i = end + 3 + extra;
        return v;
    }

    private void skipFirstNewline() {
        if (s.startsWith("\r\n", i)) {
            i += 2;
        } else if (!eof() && s.charAt(i) == '\n') {
            i++;
        }
    }

    private void escape(StringBuilder out) {
        if (eof()) {
            throw new Failure("unterminated escape");
        }
        char e = s.charAt(i++);
        switch (e) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int len = e == 'u' ? 4 : 8;
                if (i + len > s.length()) {
                    throw new Failure("bad unicode escape");
                }
                int cp;
                try {
                    cp = Integer.parseInt(s.substring(i, i + len), 16);
                } catch (NumberFormatException ex) {
                    throw new Failure("bad unicode escape");
                }
                if (cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                    throw new Failure("bad unicode escape: not a scalar value");
                }
                i += len;
                out.appendCodePoint(cp);
            }
            default -> throw new Failure("unknown escape sequence '\\" + e + "'");
        }
    }

    // ----- lexical helpers ------------------------------------------------------------

    private boolean eof() {
        return i >= s.length();
    }

    private void skipBlank() {
        while (!eof() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private void skipBlankLinesAndComments() {
        while (!eof()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '#') {
                while (!eof() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    private void expect(String token) {
        skipBlank();
        if (!s.startsWith(token, i)) {
            throw new Failure("expected '" + token + "'");
        }
        i += token.length();
    }

    /** After a statement: blanks, an optional comment, then a newline or the end. */
    private void endOfLine() {
        skipBlank();
        if (!eof() && s.charAt(i) == '#') {
            while (!eof() && s.charAt(i) != '\n') {
                char c = s.charAt(i++);
                if (c < 0x20 && c != '\t' && c != '\r') {
                    throw new Failure("control character in a comment");
                }
            }
        }
        if (s.startsWith("\r\n", i)) {
            i += 2;
        } else if (!eof() && s.charAt(i) == '\n') {
            i++;
        } else if (!eof()) {
            throw new Failure("unexpected '" + s.charAt(i) + "' after a value; expected a newline");
        }
    }

    // ----- conversion -----------------------------------------------------------------

    private static Value toNix(Object o) {
        return switch (o) {
            case Table t -> {
                NixAttrs.Builder b = NixAttrs.builder(t.entries.size());
                t.entries.forEach((k, v) -> b.put(ByteStrings.fromText(k), toNix(v)));
                yield b.build();
            }
            case TableArray a -> {
                List<Lazy> out = new ArrayList<>();
                for (Table t : a.tables) {
                    out.add(toNix(t));
                }
                yield NixList.of(out);
            }
            case List<?> l -> {
                List<Lazy> out = new ArrayList<>();
                for (Object x : l) {
                    out.add(toNix(x));
                }
                yield NixList.of(out);
            }
            case String str -> NixString.ofText(str);
            case Long n -> NixInt.of(n);
            case Double d -> new NixFloat(d);
            case Boolean b -> NixBool.of(b);
            default -> throw new IllegalStateException("unexpected TOML value " + o);
        };
    }
}
