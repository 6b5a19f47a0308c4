package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_'-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("<(.*)>", Pattern.DOTALL);

    static final String PRIORITY_SUGGESTION =
            "Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.";

    private Messages() {}

    /** {@code lib.showOption}: {@code a.b."c d"}, keeping {@code *} and {@code <name>} placeholders. */
    public static String showOption(List<String> loc) {
        List<String> parts = new ArrayList<>(loc.size());
        for (String part : loc) {
            if (part.equals("*") || PLACEHOLDER.matcher(part).matches()) {
                parts.add(part);
            } else {
                parts.add(escapeNixIdentifierBytes(part));
            }
        }
        return ByteStrings.toText(String.join(".", parts));
    }

    /** {@code lib.escapeNixIdentifier} on a byte string, returning a byte string. */
    static String escapeNixIdentifierBytes(String name) {
        return IDENTIFIER.matcher(name).matches() ? name : escapeNixStringBytes(name);
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
