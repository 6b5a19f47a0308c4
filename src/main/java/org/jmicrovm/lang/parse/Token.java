package org.jmicrovm.lang.parse;

import org.jmicrovm.lang.ast.Pos;

/**
 * One token.
 *
 * @param text the token's value: the name of an ID, the unescaped text of a STR or IND_STR,
 *             the raw text of a number, path or URI
 * @param hasIndentation for IND_STR: true for verbatim text (whose leading spaces are
 *                       indentation), false for escapes such as {@code ''$}
 * @param pos where the token starts
 * @param endLine the line where the token ends (Nix positions some nodes there)
 * @param endColumn the column just after the token
 */
record Token(TokenType type, String text, boolean hasIndentation, Pos pos, int endLine, int endColumn) {

    Pos endPos() {
        return new Pos(pos.source(), endLine, endColumn);
    }
}
