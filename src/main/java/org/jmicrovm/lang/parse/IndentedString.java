package org.jmicrovm.lang.parse;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Expr.StrPart;

/**
 * Removes the common indentation of an indented string {@code ''...''}, with Nix 2.8's
 * exact rules:
 * <ul>
 *   <li>the indentation is the smallest number of leading spaces over the lines that have
 *       something besides spaces (tabs count as content); an interpolation or an escape
 *       such as {@code ''$} also counts as content;</li>
 *   <li>in the stripping pass every piece of text, escapes included, is stripped, so an
 *       escaped newline {@code ''\n} starts a line whose spaces are then dropped;</li>
 *   <li>if the string ends with a piece of text, a last line of nothing but spaces is dropped.</li>
 * </ul>
 * The pieces are kept apart (as Nix keeps them), so {@code ''a''$''} has two literal parts.
 */
final class IndentedString {

    /** A piece of an indented string: verbatim text, an escape, or an interpolation. */
    sealed interface Piece {
        record Text(String text, boolean verbatim) implements Piece {}

        record Interpolation(Expr expr) implements Piece {}
    }

    private IndentedString() {
    }

    static List<StrPart> strip(List<Piece> pieces) {
        int minIndent = minimalIndentation(pieces);
        List<StrPart> parts = new ArrayList<>(pieces.size());
        boolean atLineStart = true;
        int dropped = 0;
        for (int p = 0; p < pieces.size(); p++) {
            Piece piece = pieces.get(p);
            if (piece instanceof Piece.Interpolation(Expr expr)) {
                atLineStart = false;
                dropped = 0;
                parts.add(new StrPart.Interpolation(expr));
                continue;
            }
            String text = ((Piece.Text) piece).text();
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (atLineStart) {
                    if (c == ' ') {
                        if (dropped++ >= minIndent) {
                            out.append(c);
                        }
                    } else if (c == '\n') {
                        dropped = 0;
                        out.append(c);
                    } else {
                        atLineStart = false;
                        dropped = 0;
                        out.append(c);
                    }
                } else {
                    out.append(c);
                    if (c == '\n') {
                        atLineStart = true;
                    }
                }
            }
            String stripped = out.toString();
            if (p == pieces.size() - 1) {
                int lastNewline = stripped.lastIndexOf('\n');
                if (lastNewline >= 0 && onlySpaces(stripped, lastNewline + 1)) {
                    stripped = stripped.substring(0, lastNewline + 1);
                }
            }
            parts.add(new StrPart.Literal(stripped));
        }
        return parts;
    }

    private static int minimalIndentation(List<Piece> pieces) {
        boolean atLineStart = true;
        int minIndent = Integer.MAX_VALUE;
        int indent = 0;
        for (Piece piece : pieces) {
            if (!(piece instanceof Piece.Text(String text, boolean verbatim)) || !verbatim) {
                if (atLineStart) {
                    atLineStart = false;
                    minIndent = Math.min(minIndent, indent);
                }
                continue;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (atLineStart) {
                    if (c == ' ') {
                        indent++;
                    } else if (c == '\n') {
                        indent = 0; // an empty line does not count
                    } else {
                        atLineStart = false;
                        minIndent = Math.min(minIndent, indent);
                    }
                } else if (c == '\n') {
                    atLineStart = true;
                    indent = 0;
                }
            }
        }
        return minIndent;
    }

    private static boolean onlySpaces(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }
}
