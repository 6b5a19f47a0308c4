package org.jmicrovm.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the Nix search path, as given with {@code -I prefix=path} or in {@code NIX_PATH}:
 * {@code <prefix/rest>} resolves to {@code path/rest}. An entry without a prefix ({@code -I /dir})
 * serves every name: {@code <name>} resolves to {@code /dir/name}.
 *
 * @param prefix the name before {@code =}, or "" for none
 * @param path the directory (or file) it stands for
 */
public record SearchPathEntry(String prefix, String path) {

    public SearchPathEntry {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(path, "path");
    }

    /** Parses {@code name=path} or {@code path}. */
    public static SearchPathEntry parse(String spec) {
        int eq = spec.indexOf('=');
        return eq < 0 ? new SearchPathEntry("", spec) : new SearchPathEntry(spec.substring(0, eq), spec.substring(eq + 1));
    }

    /** Parses a colon-separated {@code NIX_PATH}; empty elements are skipped. */
    public static List<SearchPathEntry> parseNixPath(String nixPath) {
        List<SearchPathEntry> out = new ArrayList<>();
        if (nixPath == null) {
            return out;
        }
        for (String element : splitNixPath(nixPath)) {
            if (!element.isEmpty()) {
                out.add(parse(element));
            }
        }
        return out;
    }

    /** Splits at colons, except the one in a URL scheme like {@code https://} (as Nix does). */
    private static List<String> splitNixPath(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' && !s.startsWith("//", i + 1)) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? path : prefix + "=" + path;
    }
}
