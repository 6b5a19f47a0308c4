package org.jmicrovm.cli;

import java.util.ArrayList;
import java.util.List;

/** An attribute path as typed on the command line: {@code a.b."c.d".e}. */
final class AttrPath {

    private AttrPath() {}

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in attribute path " + text);
        }
        if (!text.isEmpty()) {
            out.add(cur.toString());
        }
        for (String part : out) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty name in attribute path " + text);
            }
        }
        return out;
    }
}
