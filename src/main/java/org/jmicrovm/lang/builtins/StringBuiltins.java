package org.jmicrovm.lang.builtins;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.StorePaths;
import org.jmicrovm.lang.eval.Value;

/**
 * String builtins. Strings are byte strings (see {@code ByteStrings}), so lengths and offsets
 * are in bytes as in Nix. jmicrovm keeps no string contexts: the context builtins see none.
 */
final class StringBuiltins {

    private StringBuiltins() {}

    static void register(Registry r) {
        r.globalPrimop("toString", 1, (ev, a, pos) -> Args.str(ev.coerceToString(a[0].force(), pos, false, true)));
        r.primop("stringLength", 1, (ev, a, pos) -> {
            Value v = a[0].force();
            // a string's length is known without joining it (NixString keeps long concatenations as ropes)
            return NixInt.of(v instanceof NixString s ? s.length() : ev.coerceToString(v, pos, true, false).length());
        });
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
            // String.join sizes the result once from the parts' lengths: a builder growing by doubling
            // copies a large result (tens of MB when a file is generated) several times over.
            String[] parts = new String[list.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = Args.coerce(ev, list.force(i), pos);
            }
            return Args.str(String.join(sep, parts));
        });
        r.primop("replaceStrings", 3, (ev, a, pos) -> {
            NixList fromList = Force.list(a[0], pos);
            NixList toList = Force.list(a[1], pos);
            if (fromList.size() != toList.size()) {
                throw new EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths", pos);
            }
            String[] from = new String[fromList.size()];
            for (int i = 0; i < from.length; i++) {
                from[i] = Force.string(fromList.get(i), pos);
            }
            String[] to = new String[toList.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = Force.string(toList.get(i), pos);
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
    static String replace(String s, String[] from, String[] to) {
        for (String f : from) {
            if (f.isEmpty()) {
                return replaceWithEmptyPattern(s, from, to);
            }
        }
        // Called in loops over many short strings: one pass, the runs between matches copied whole
        // as bytes, and the string itself returned when nothing matched.
        int n = s.length();
        byte[] out = null;
        int o = 0;
        int copied = 0;
        for (int p = 0; p < n; ) {
            int m = matchAt(s, p, from);
            if (m < 0) {
                p++;
                continue;
            }
            String t = to[m];
            int need = o + (p - copied) + t.length() + (n - p);
            if (out == null || need > out.length) {
                out = out == null ? new byte[Math.max(need, n + 16)] : Arrays.copyOf(out, Math.max(need, 2 * out.length));
            }
            o = copyBytes(s, copied, p, out, o);
            o = copyBytes(t, 0, t.length(), out, o);
            p += from[m].length();
            copied = p;
        }
        if (out == null) {
            return s;
        }
        o = copyBytes(s, copied, n, out, o);
        return new String(out, 0, o, StandardCharsets.ISO_8859_1);
    }

    /** The first (non-empty) pattern that occurs at {@code p}, or -1. */
    private static int matchAt(String s, int p, String[] from) {
        char c = s.charAt(p);
        for (int i = 0; i < from.length; i++) {
            if (from[i].charAt(0) == c && s.startsWith(from[i], p)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Copies chars {@code [begin, end)} of a byte string as bytes. String.getBytes(int, int, byte[], int)
     * keeps the low 8 bits of each char, exactly a byte string's bytes, with one array copy;
     * StringBuilder.append(CharSequence, int, int) copies char by char.
     */
    @SuppressWarnings("deprecation")
    private static int copyBytes(String s, int begin, int end, byte[] out, int at) {
        s.getBytes(begin, end, out, at);
        return at + end - begin;
    }

    /** The general case: an empty pattern matches at every position, including the end. */
    private static String replaceWithEmptyPattern(String s, String[] from, String[] to) {
        StringBuilder res = new StringBuilder(s.length());
        int p = 0;
        while (p <= s.length()) {
            boolean found = false;
            for (int i = 0; i < from.length; i++) {
                String f = from[i];
                if (s.startsWith(f, p)) {
                    found = true;
                    res.append(to[i]);
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
