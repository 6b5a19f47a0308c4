package org.jmicrovm.lang.builtins;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;

/** Nix's version comparison: {@code compareVersions}, {@code splitVersion}, {@code parseDrvName}. */
final class VersionBuiltins {

    private VersionBuiltins() {}

    static void register(Registry r) {
        r.primop("compareVersions", 2, (ev, a, pos) ->
                NixInt.of(compare(Force.string(a[0], pos), Force.string(a[1], pos))));
        r.primop("splitVersion", 1, (ev, a, pos) -> {
            List<Lazy> out = new ArrayList<>();
            for (String c : split(Force.string(a[0], pos))) {
                out.add(Args.str(c));
            }
            return NixList.of(out);
        });
        r.primop("parseDrvName", 1, (ev, a, pos) -> {
            String s = Force.string(a[0], pos);
            String name = s;
            String version = "";
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '-' && i + 1 < s.length() && !isAlpha(s.charAt(i + 1))) {
                    name = s.substring(0, i);
                    version = s.substring(i + 1);
                    break;
                }
            }
            return NixAttrs.builder(2).put("name", Args.str(name)).put("version", Args.str(version)).build();
        });
    }

    /** A cursor over a version string, yielding its components. */
    private static final class Cursor {
        final String s;
        int p;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return p >= s.length();
        }

        /** Separators are dots and dashes; a component is a run of digits or of other characters. */
        String next() {
            while (p < s.length() && (s.charAt(p) == '.' || s.charAt(p) == '-')) {
                p++;
            }
            if (p >= s.length()) {
                return "";
            }
            int start = p;
            if (isDigit(s.charAt(p))) {
                while (p < s.length() && isDigit(s.charAt(p))) {
                    p++;
                }
            } else {
                while (p < s.length() && !isDigit(s.charAt(p)) && s.charAt(p) != '.' && s.charAt(p) != '-') {
                    p++;
                }
            }
            return s.substring(start, p);
        }
    }

    static List<String> split(String version) {
        List<String> out = new ArrayList<>();
        Cursor c = new Cursor(version);
        while (!c.atEnd()) {
            String component = c.next();
            if (component.isEmpty()) {
                break;
            }
            out.add(component);
        }
        return out;
    }

    static int compare(String v1, String v2) {
        Cursor c1 = new Cursor(v1);
        Cursor c2 = new Cursor(v2);
        while (!c1.atEnd() || !c2.atEnd()) {
            String x = c1.next();
            String y = c2.next();
            if (componentLess(x, y)) {
                return -1;
            }
            if (componentLess(y, x)) {
                return 1;
            }
        }
        return 0;
    }

    private static boolean componentLess(String c1, String c2) {
        Integer n1 = toInt(c1);
        Integer n2 = toInt(c2);
        if (n1 != null && n2 != null) {
            return n1 < n2;
        }
        if (c1.isEmpty() && n2 != null) {
            return true;
        }
        if (c1.equals("pre") && !c2.equals("pre")) {
            return true;
        }
        if (c2.equals("pre")) {
            return false;
        }
        if (n2 != null) {
            return true;
        }
        if (n1 != null) {
            return false;
        }
        return c1.compareTo(c2) < 0;
    }

    /** Like Nix's string2Int&lt;int&gt;: digits that fit in a 32-bit int, else not a number. */
    private static Integer toInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return null;
            }
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
