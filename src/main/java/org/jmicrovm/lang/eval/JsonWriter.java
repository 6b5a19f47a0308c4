package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;

/**
 * Values as JSON, byte for byte as Nix 2.8's {@code toJSON} and {@code nix-instantiate --json}
 * write them: no spaces, keys in byte order, floats as C++ streams print them, only
 * {@code " \ \n \r \t} and control characters escaped, paths copied to the store, sets with
 * {@code __toString} or {@code outPath} written as strings.
 */
public final class JsonWriter {

    private final Evaluator ev;
    private final StringBuilder out = new StringBuilder();

    private JsonWriter(Evaluator ev) {
        this.ev = ev;
    }

    /** The JSON text as a byte string; forces whatever it needs. */
    public static String write(Evaluator ev, Lazy value, Pos pos) {
        JsonWriter w = new JsonWriter(ev);
        w.write(value, pos);
        return w.out.toString();
    }

    private void write(Lazy lazy, Pos pos) {
        Value v = lazy.force();
        if (v instanceof NixAttrs || v instanceof NixList) {
            EvalThread thread = EvalThread.enter(pos);
            try {
                writeValue(v, pos);
            } finally {
                EvalThread.exit(thread);
            }
        } else {
            writeValue(v, pos);
        }
    }

    private void writeValue(Value v, Pos pos) {
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (v instanceof NixInt i) {
            out.append(i.value());
        } else if (v instanceof NixFloat f) {
            out.append(NixFormat.showFloat(f.value()));
        } else if (v instanceof NixBool b) {
            out.append(b.value() ? "true" : "false");
        } else if (v instanceof NixNull n) {
            out.append("null");
        } else if (v instanceof NixString s) {
            string(s.bytes());
        } else if (v instanceof NixPath p) {
            string(ev.copyPathToStore(p.bytes(), pos));
        } else if (v instanceof NixAttrs a) {
            if (a.has("__toString")) {
                string(ev.coerceToString(a, pos, false, false));
                return;
            }
            Lazy outPath = a.get("outPath");
            if (outPath != null) {
                write(outPath, a.positionOf("outPath"));
                return;
            }
            out.append('{');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(a.name(i));
                out.append(':');
                Pos p = a.position(i);
                try {
                    write(a.value(i), p.isKnown() ? p : pos);
                } catch (NixException e) {
                    if (p.isKnown()) {
                        EvalError.frame(e, p, "while evaluating attribute '" + ByteStrings.toText(a.name(i)) + "'");
                    }
                    throw e;
                }
            }
            out.append('}');
        } else if (v instanceof NixList l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(l.get(i), pos);
            }
            out.append(']');
        } else if (v instanceof NixFunction f) {
            throw new EvalError("cannot convert " + f.describe() + " to JSON", pos);
        }
    }

    private void string(String bytes) {
        out.append('"');
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
