package org.jmicrovm.store;

/** The name part of a store path: the characters Nix allows, so names stay shell- and URL-safe. */
public final class StoreName {
    private StoreName() {}

    public static void check(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a store name must have 1 to 200 characters: " + name);
        }
        if (name.startsWith(".")) {
            throw new IllegalArgumentException("a store name must not start with '.': " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "+-._?=".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("store name '" + name + "' contains '" + c
                        + "'; allowed are letters, digits and + - . _ ? =");
            }
        }
    }

    /** Replaces characters a store name cannot hold (e.g. a Debian epoch's ':') with '_'. */
    public static String sanitize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "+-._?=".indexOf(c) >= 0;
            out.append(ok ? c : '_');
        }
        String s = out.toString();
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
