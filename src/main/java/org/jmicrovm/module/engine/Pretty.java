package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.JsonWriter;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;

/**
 * Values as Nix source text, the way nixpkgs' {@code lib.generators.toPretty} renders them: this is
 * how definitions appear in module-system error messages, so the text must match what users of
 * NixOS know. Works on byte strings.
 *
 * @param multiline   one element per line, indented
 * @param prettyValues honour {@code { __pretty; val; }} sets
 * @param depthLimit  values nested deeper than this show as {@code "<unevaluated>"}; negative: no limit
 */
public record Pretty(boolean multiline, boolean prettyValues, int depthLimit) {

    private static final String UNEVALUATED = "<unevaluated>";
    private static final List<String> SPECIAL_ATTRS = List.of("__functor", "__functionArgs", "__toString", "__pretty");

    /** What {@code showDefs} uses: multi-line, at most 10 levels deep. */
    public static final Pretty FOR_MESSAGES = new Pretty(true, false, 10);

    public String render(Evaluator ev, Lazy value, String indent) {
        StringBuilder out = new StringBuilder();
        go(ev, value.force(), indent, 0, out);
        return out.toString();
    }

    private boolean tooDeep(int depth) {
        return depthLimit >= 0 && depth > depthLimit;
    }

    /** A child at {@code depth} as the depth-limiting pass of nixpkgs hands it on. */
    private Value child(Lazy lazy, int depth) {
        if (tooDeep(depth)) {
            return NixString.ofText(UNEVALUATED);
        }
        Value v = lazy.force();
        if (!(v instanceof NixAttrs) && !(v instanceof NixList) && tooDeep(depth + 1)) {
            return NixString.ofText(UNEVALUATED);
        }
        return v;
    }

    private void go(Evaluator ev, Value v, String indent, int depth, StringBuilder out) {
        String intro = multiline ? "\n" + indent + "  " : " ";
        String outro = multiline ? "\n" + indent : " ";
        switch (v) {
            case NixInt i -> out.append(i.value());
            case NixFloat f -> out.append(JsonWriter.write(ev, f, Pos.NONE));
            case NixString s -> string(s.bytes(), intro, outro, out);
            case NixBool b -> out.append(b.value() ? "true" : "false");
            case NixNull n -> out.append("null");
            case NixPath p -> out.append(p.bytes());
            case NixList l -> {
                if (l.size() == 0) {
                    out.append("[ ]");
                    return;
                }
                out.append('[').append(intro);
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        out.append(intro);
                    }
                    go(ev, child(l.get(i), depth + 1), indent + "  ", depth + 1, out);
                }
                out.append(outro).append(']');
            }
            default -> {
                if (NixValues.isFunction(ev, v)) {
                    function(ev, v, out);
                } else if (v instanceof NixAttrs a) {
                    attrs(ev, a, indent, intro, outro, depth, out);
                } else {
                    throw new EvalError("generators.toPretty: should never happen", Pos.NONE);
                }
            }
        }
    }

    private void function(Evaluator ev, Value v, StringBuilder out) {
        NixAttrs args = NixValues.functionArgs(ev, v);
        if (args.isEmpty()) {
            out.append("<function>");
            return;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            boolean hasDefault = args.value(i).force() == NixBool.TRUE;
            shown.add(args.name(i) + (hasDefault ? "?" : ""));
        }
        out.append("<function, args: {").append(String.join(", ", shown)).append("}>");
    }

    private void attrs(Evaluator ev, NixAttrs a, String indent, String intro, String outro, int depth,
                       StringBuilder out) {
        if (prettyValues && a.has("__pretty") && a.has("val")) {
            Value shown = ev.apply(a.get("__pretty").force(), a.get("val"), Pos.NONE);
            out.append(ev.coerceToString(shown, Pos.NONE, false, false));
            return;
        }
        if (a.isEmpty()) {
            out.append("{ }");
            return;
        }
        Lazy type = a.get("type");
        if (type != null && type.force() instanceof NixString t && t.bytes().equals("derivation")) {
            Lazy name = a.get("name");
            out.append("<derivation ").append(name == null ? "???" : ev.coerceToString(name.force(), Pos.NONE, false, false))
                    .append('>');
            return;
        }
        out.append('{').append(intro);
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) {
                out.append(intro);
            }
            String name = a.name(i);
            out.append(Messages.escapeNixIdentifierBytes(name)).append(" = ");
            Value value = SPECIAL_ATTRS.contains(name) ? a.value(i).force() : child(a.value(i), depth + 1);
            go(ev, value, indent + "  ", depth + 1, out);
            out.append(';');
        }
        out.append(outro).append('}');
    }

    private void string(String s, String intro, String outro, StringBuilder out) {
        List<String> lines = List.of(s.split("\n", -1));
        if (multiline && lines.size() > 1) {
            out.append("''").append(intro);
            for (int i = 0; i < lines.size() - 1; i++) {
                if (i > 0) {
                    out.append(intro);
                }
                out.append(escapeMultiline(lines.get(i)));
            }
            String last = escapeMultiline(lines.get(lines.size() - 1));
            if (last.isEmpty()) {
                out.append(outro);
            } else {
                out.append(intro).append(last);
            }
            out.append("''");
            return;
        }
        out.append('"');
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append("\\n");
            }
            out.append(lines.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${"));
        }
        out.append('"');
    }

    private static String escapeMultiline(String line) {
        // simultaneous replacement, as replaceStrings does: "${" first, then "''"
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            if (line.startsWith("${", i)) {
                b.append("''${");
                i += 2;
            } else if (line.startsWith("''", i)) {
                b.append("'''");
                i += 2;
            } else {
                b.append(line.charAt(i++));
            }
        }
        return b.toString();
    }

}
