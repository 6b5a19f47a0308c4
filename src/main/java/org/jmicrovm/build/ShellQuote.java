package org.jmicrovm.build;

/** POSIX shell quoting for generated scripts. */
public final class ShellQuote {
    private ShellQuote() {}

    /** The word unchanged if it only has safe characters, else single-quoted. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "@%+=:,./-_".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
