package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.JsonWriter;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.ThrownError;

/**
 * The wording of module-system messages. They follow nixpkgs' texts, which NixOS users know
 * and search for, and add what nixpkgs leaves out: the line of each definition and, for an
 * unknown option, the closest declared names.
 */
public final class Messages {


    static final String PRIORITY_SUGGESTION =
            "Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.";

    private Messages() {}

    /** {@code lib.showOption}: {@code a.b."c d"}, keeping {@code *} and {@code <name>} placeholders. */
    public static String showOption(List<String> loc) {
        List<String> parts = new ArrayList<>(loc.size());
        for (String part : loc) {
            if (part.equals("*") || part.length() >= 2 && part.charAt(0) == '<' && part.charAt(part.length() - 1) == '>') {
                parts.add(part);
            } else {
                parts.add(escapeNixIdentifierBytes(part));
            }
        }
        return ByteStrings.toText(String.join(".", parts));
    }

    /** {@code lib.escapeNixIdentifier} on a byte string, returning a byte string. */
    static String escapeNixIdentifierBytes(String name) {
        return isIdentifier(name) ? name : escapeNixStringBytes(name);
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_'-]*}, checked by hand: this runs for every option path shown. */
    static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean ok = letter || i > 0 && (c >= '0' && c <= '9' || c == '\'' || c == '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code lib.escapeNixString}: JSON quoting with {@code $} escaped, on byte strings. */
    static String escapeNixStringBytes(String s) {
        return JsonWriter.write(null, new NixString(s), Pos.NONE).replace("$", "\\$");
    }

    /** {@code lib.showFiles}: {@code `a' and `b'}. */
    public static String showFiles(List<String> files) {
        List<String> quoted = new ArrayList<>();
        for (String f : files) {
            quoted.add("`" + f + "'");
        }
        return String.join(" and ", quoted);
    }

    /**
     * {@code lib.showDefs}: one "- In `file': value" entry per definition, the value pretty-printed
     * (at most five lines). A value that cannot be evaluated (it throws) is left out, as nixpkgs
     * does. jmicrovm adds {@code :line:column} after the file when the definition's place is known.
     */
    static String showDefs(Evaluator ev, List<Def> defs) {
        StringBuilder out = new StringBuilder();
        for (Def def : defs) {
            out.append("\n- In `").append(def.fileWithPosition()).append('\'');
            String shown;
            try {
                shown = ByteStrings.toText(Pretty.FOR_MESSAGES.render(ev, def.value(), ""));
            } catch (ThrownError e) {
                continue;
            }
            List<String> lines = List.of(shown.split("\n", -1));
            if (lines.size() > 1) {
                List<String> kept = new ArrayList<>(lines.subList(0, Math.min(5, lines.size())));
                if (lines.size() > 5) {
                    kept.add("...");
                }
                out.append(":\n    ").append(String.join("\n    ", kept));
            } else {
                out.append(": ").append(shown);
            }
        }
        return out.toString();
    }
}
