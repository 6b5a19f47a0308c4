package org.jmicrovm.build.runner;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** POSIX shell quoting for generated scripts. */
final class Shell {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** The word that makes the shell see exactly {@code s}; plain words stay readable. */
    static String quote(String s) {
        if (!s.isEmpty() && PLAIN.matcher(s).matches()) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** {@code s} as text between double quotes, where only backslash, double quote, dollar and backquote need a backslash. */
    static String inDoubleQuotes(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    static String quoteAll(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
