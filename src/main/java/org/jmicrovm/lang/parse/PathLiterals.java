package org.jmicrovm.lang.parse;

import java.util.ArrayList;
import java.util.List;

/** Turns path literals into absolute paths the way Nix's parser does (no symlinks resolved). */
final class PathLiterals {

    private PathLiterals() {
    }

    /**
     * {@code ./a/../b} relative to baseDir becomes {@code baseDir/b}; an absolute literal is
     * only canonicalised. A trailing slash (a path literal followed by an interpolation,
     * {@code ./dir/${x}}) is kept.
     */
    static String absolute(String literal, String baseDir) {
        String joined = literal.startsWith("/") ? literal : baseDir + "/" + literal;
        String canonical = canonical(joined);
        if (literal.endsWith("/") && literal.length() > 1) {
            canonical += "/";
        }
        return canonical;
    }

    /** Removes empty and "." segments and resolves ".." (never above the root), as Nix's canonPath. */
    static String canonical(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else {
                segments.add(s);
            }
        }
        return "/" + String.join("/", segments);
    }
}
