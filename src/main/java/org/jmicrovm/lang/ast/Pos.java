package org.jmicrovm.lang.ast;

/**
 * A position in Nix source text. Lines and columns are 1-based, as Nix prints them.
 */
public record Pos(Source source, int line, int column) {

    /** Used for values created by builtins that have no place in any file. */
    public static final Pos NONE = new Pos(null, 0, 0);

    public boolean isKnown() {
        return source != null && line > 0;
    }

    /** {@code file:line:column}, as in Nix's "at /path/file.nix:3:5". */
    @Override
    public String toString() {
        return isKnown() ? source.displayName() + ":" + line + ":" + column : "«unknown»";
    }
}
