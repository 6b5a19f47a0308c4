package org.jmicrovm.lang.builtins;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Equality;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.LambdaCode;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixFormat;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixLambda;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;

/** {@code builtins.toXML}: Nix's XML rendering of a value, indented as Nix indents it. */
final class XmlBuiltins {

    private XmlBuiltins() {}

    static void register(Registry r) {
        r.primop("toXML", 1, (ev, a, pos) -> Args.str(new Writer(ev, pos).document(a[0])));
    }

    private static final class Writer {
        private final Evaluator ev;
        private final Pos pos;
        private final StringBuilder out = new StringBuilder();
        private final List<String> open = new ArrayList<>();
        private final Set<String> drvsSeen = new HashSet<>();

        Writer(Evaluator ev, Pos pos) {
            this.ev = ev;
            this.pos = pos;
        }

        String document(Lazy v) {
            out.append("<?xml version='1.0' encoding='utf-8'?>\n");
            openElement("expr", Map.of());
            value(v);
            closeElement();
            return out.toString();
        }

        private void value(Lazy lazy) {
            Value v = lazy.force();
            org.jmicrovm.lang.eval.EvalThread thread = org.jmicrovm.lang.eval.EvalThread.enter(pos);
            try {
                valueOf(v);
            } finally {
                org.jmicrovm.lang.eval.EvalThread.exit(thread);
            }
        }

        private void valueOf(Value v) {
            switch (v) {
                case NixString s -> empty("string", Map.of("value", s.bytes()));
                case NixInt i -> empty("int", Map.of("value", Long.toString(i.value())));
                case NixBool b -> empty("bool", Map.of("value", b.value() ? "true" : "false"));
                case NixNull n -> empty("null", Map.of());
                case NixPath p -> empty("path", Map.of("value", p.bytes()));
                case NixFloat f -> empty("float", Map.of("value", NixFormat.showFloat(f.value())));
                case NixList l -> {
                    openElement("list", Map.of());
                    for (Lazy e : l.array()) {
                        value(e);
                    }
                    closeElement();
                }
                case NixAttrs a -> attrs(a);
                case NixLambda l -> function(l.code());
                default -> empty("unevaluated", Map.of());
            }
        }

        private void attrs(NixAttrs a) {
            if (!Equality.isDerivation(a)) {
                openElement("attrs", Map.of());
                showAttrs(a);
                closeElement();
                return;
            }
            Map<String, String> xml = new TreeMap<>();
            String drvPath = "";
            Lazy d = a.get("drvPath");
            if (d != null && d.force() instanceof NixString s) {
                drvPath = s.bytes();
                xml.put("drvPath", drvPath);
            }
            Lazy o = a.get("outPath");
            if (o != null && o.force() instanceof NixString s) {
                xml.put("outPath", s.bytes());
            }
            openElement("derivation", xml);
            if (!drvPath.isEmpty() && drvsSeen.add(drvPath)) {
                showAttrs(a);
            } else {
                empty("repeated", Map.of());
            }
            closeElement();
        }

        private void showAttrs(NixAttrs a) {
            for (int i = 0; i < a.size(); i++) {
                openElement("attr", Map.of("name", a.name(i)));
                value(a.value(i));
                closeElement();
            }
        }

        private void function(LambdaCode code) {
            openElement("function", Map.of());
            if (code.hasFormals()) {
                Map<String, String> xml = new TreeMap<>();
                if (code.argName() != null) {
                    xml.put("name", code.argName());
                }
                if (code.hasEllipsis()) {
                    xml.put("ellipsis", "1");
                }
                openElement("attrspat", xml);
                List<String> names = new ArrayList<>();
                for (LambdaCode.Formal f : code.formals()) {
                    names.add(f.name());
                }
                names.sort(String::compareTo);
                for (String n : names) {
                    empty("attr", Map.of("name", n));
                }
                closeElement();
            } else {
                empty("varpat", Map.of("name", code.argName()));
            }
            closeElement();
        }

        private void indent(int depth) {
            out.append("  ".repeat(depth));
        }

        private void openElement(String name, Map<String, String> attrs) {
            indent(open.size());
            out.append('<').append(name);
            writeAttrs(attrs);
            out.append(">\n");
            open.add(name);
        }

        private void closeElement() {
            String name = open.remove(open.size() - 1);
            indent(open.size());
            out.append("</").append(name).append(">\n");
        }

        private void empty(String name, Map<String, String> attrs) {
            indent(open.size());
            out.append('<').append(name);
            writeAttrs(attrs);
            out.append(" />\n");
        }

        private void writeAttrs(Map<String, String> attrs) {
            for (Map.Entry<String, String> e : new TreeMap<>(attrs).entrySet()) {
                out.append(' ').append(e.getKey()).append("=\"");
                String v = e.getValue();
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    switch (c) {
                        case '"' -> out.append("&quot;");
                        case '<' -> out.append("&lt;");
                        case '>' -> out.append("&gt;");
                        case '&' -> out.append("&amp;");
                        case '\n' -> out.append("&#xA;");
                        default -> out.append(c);
                    }
                }
                out.append('"');
            }
        }
    }
}
