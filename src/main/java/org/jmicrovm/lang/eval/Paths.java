package org.jmicrovm.lang.eval;

import org.jmicrovm.lang.ast.Pos;

/** Nix's lexical path operations on byte strings: canonicalisation, {@code dirOf}, {@code baseNameOf}. */
public final class Paths {

    private Paths() {}

    /**
     * Nix's canonPath: an absolute path without {@code .}, {@code ..}, repeated or trailing
     * slashes; {@code ..} is resolved lexically (symlinks are not followed).
     */
    public static String canonical(String path, Pos pos) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new EvalError("not an absolute path: '" + ByteStrings.toText(path) + "'", pos);
        }
        if (isCanonical(path)) {
            return path;
        }
        StringBuilder s = new StringBuilder(path.length());
        int i = 0;
        int n = path.length();
        while (true) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = path.indexOf('/', i);
            if (end < 0) {
                end = n;
            }
            int len = end - i;
            if (len == 1 && path.charAt(i) == '.') {
                // skip
            } else if (len == 2 && path.charAt(i) == '.' && path.charAt(i + 1) == '.') {
                int slash = s.lastIndexOf("/");
                if (slash >= 0) {
                    s.setLength(slash);
                }
            } else {
                s.append('/').append(path, i, end);
            }
            i = end;
        }
        return s.isEmpty() ? "/" : s.toString();
    }

    private static boolean isCanonical(String p) {
        int n = p.length();
        if (n > 1 && p.charAt(n - 1) == '/') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (p.charAt(i) == '/') {
                if (i + 1 < n && p.charAt(i + 1) == '/') {
                    return false;
                }
                if (i + 1 < n && p.charAt(i + 1) == '.') {
                    int j = i + 2;
                    if (j < n && p.charAt(j) == '.') {
                        j++;
                    }
                    if (j == n || p.charAt(j) == '/') {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Nix's dirOf on a string: everything before the last slash ("." when there is none). */
    public static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** Nix's baseNameOf: the part after the last slash, ignoring one trailing slash. */
    public static String baseNameOf(String path) {
        if (path.isEmpty()) {
            return "";
        }
        int last = path.length() - 1;
        if (path.charAt(last) == '/' && last > 0) {
            last--;
        }
        int slash = path.lastIndexOf('/', last);
        return path.substring(slash + 1, last + 1);
    }
}
