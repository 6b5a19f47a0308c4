package org.jmicrovm.lang.builtins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.StorePaths;

/**
 * String builtins. Strings are byte strings (see {@code ByteStrings}), so lengths and offsets
 * are in bytes as in Nix. jmicrovm keeps no string contexts: the context builtins see none.
 */
final class StringBuiltins {

    private StringBuiltins() {}

    static void register(Registry r) {
        r.globalPrimop("toString", 1, (ev, a, pos) -> Args.str(ev.coerceToString(a[0].force(), pos, false, true)));
        r.primop("stringLength", 1, (ev, a, pos) -> NixInt.of(Args.coerce(ev, a[0], pos).length()));
        r.primop("substring", 3, (ev, a, pos) -> {
            long start = Force.integer(a[0], pos);
            long len = Force.integer(a[1], pos);
            String s = Args.coerce(ev, a[2], pos);
            if (start < 0) {
                throw new EvalError("negative start position in 'substring'", pos);
            }
            if (start >= s.length()) {
                return Args.str("");
            }
            long end = len < 0 || len > s.length() - start ? s.length() : start + len;
            return Args.str(s.substring((int) start, (int) end));
        });
        r.primop("concatStringsSep", 2, (ev, a, pos) -> {
            String sep = Force.string(a[0], pos);
            NixList list = Force.list(a[1], pos);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(Args.coerce(ev, list.get(i), pos));
            }
            return Args.str(sb.toString());
        });
        r.primop("replaceStrings", 3, (ev, a, pos) -> {
            NixList fromList = Force.list(a[0], pos);
            NixList toList = Force.list(a[1], pos);
            if (fromList.size() != toList.size()) {
                throw new EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths", pos);
            }
            List<String> from = new ArrayList<>();
            for (Lazy l : fromList.array()) {
                from.add(Force.string(l, pos));
            }
            List<String> to = new ArrayList<>();
            for (Lazy l : toList.array()) {
                to.add(Force.string(l, pos));
            }
            return Args.str(replace(Force.string(a[2], pos), from, to));
        });
        r.primop("hasContext", 1, (ev, a, pos) -> {
            Force.string(a[0], pos);
            return NixBool.FALSE;
        });
        r.primop("getContext", 1, (ev, a, pos) -> {
            Force.string(a[0], pos);
            return NixAttrs.EMPTY;
        });
        r.primop("appendContext", 2, (ev, a, pos) -> {
            String s = Force.string(a[0], pos);
            Force.attrs(a[1], pos);
            return Args.str(s);
        });
        r.primop("unsafeDiscardStringContext", 1, (ev, a, pos) -> Args.str(Args.coerce(ev, a[0], pos)));
        r.primop("unsafeDiscardOutputDependency", 1, (ev, a, pos) -> Args.str(Args.coerce(ev, a[0], pos)));
        r.globalPrimop("placeholder", 1, (ev, a, pos) -> {
            String output = Force.string(a[0], pos);
            byte[] hash = StorePaths.sha256(("nix-output:" + output).getBytes(StandardCharsets.ISO_8859_1));
            return Args.str("/" + StorePaths.base32(hash));
        });
    }

    /** Nix's replaceStrings: at each position the first matching pattern wins; "" matches everywhere. */
    static String replace(String s, List<String> from, List<String> to) {
        StringBuilder res = new StringBuilder(s.length());
        int p = 0;
        while (p <= s.length()) {
            boolean found = false;
            for (int i = 0; i < from.size(); i++) {
                String f = from.get(i);
                if (s.startsWith(f, p)) {
                    found = true;
                    res.append(to.get(i));
                    if (f.isEmpty()) {
                        if (p < s.length()) {
                            res.append(s.charAt(p));
                        }
                        p++;
                    } else {
                        p += f.length();
                    }
                    break;
                }
            }
            if (!found) {
                if (p < s.length()) {
                    res.append(s.charAt(p));
                }
                p++;
            }
        }
        return res.toString();
    }
}
