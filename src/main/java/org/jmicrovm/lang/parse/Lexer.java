package org.jmicrovm.lang.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.ast.Source;

/**
 * Splits Nix source text into tokens the way Nix 2.8's flex scanner does: longest match
 * wins, ties go to the earlier rule, and a stack of lexical states tracks strings,
 * indented strings, interpolations and path literals.
 *
 * <p>The scanner does not depend on the parser (as in Nix), so the parser may look ahead
 * freely. Positions follow Nix: lines and columns are 1-based, {@code \r\n} and a lone
 * {@code \r} end a line, and columns count UTF-8 bytes (Nix reads its input as bytes).
 */
final class Lexer {

    private enum State { INITIAL, DEFAULT, STRING, IND_STRING, INPATH, INPATH_SLASH }

    private static final String[] KEYWORDS = {"if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"};
    private static final TokenType[] KEYWORD_TYPES = {
        TokenType.IF, TokenType.THEN, TokenType.ELSE, TokenType.ASSERT, TokenType.WITH,
        TokenType.LET, TokenType.IN, TokenType.REC, TokenType.INHERIT, TokenType.OR_KW};

    private final Source source;
    private final String text;
    private final int length;

    private int offset;
    private int line = 1;
    private int column = 1;

    private State state = State.INITIAL;
    private final Deque<State> stack = new ArrayDeque<>();

    /** Where the last matched text (token, whitespace or comment) started: Nix reports end of file there. */
    private int lastLine = 1;
    private int lastColumn = 1;
    /** Where the lexeme before the last one started (Nix's "previous location"). */
    private int previousLine = 1;
    private int previousColumn = 1;
    /** Where the last piece of a path literal started (PATH_END is reported there). */
    private int pathPieceLine = 1;
    private int pathPieceColumn = 1;

    Lexer(Source source) {
        this.source = source;
        this.text = source.text();
        // Nix hands its scanner a NUL-terminated buffer: a NUL character ends the input.
        int nul = text.indexOf('\0');
        this.length = nul >= 0 ? nul : text.length();
    }

    Token next() {
        return switch (state) {
            case INITIAL, DEFAULT -> lexDefault();
            case STRING -> lexString();
            case IND_STRING -> lexIndString();
            case INPATH, INPATH_SLASH -> lexInPath();
        };
    }

    // ----- the default state ------------------------------------------------------------

    private Token lexDefault() {
        while (true) {
            if (offset >= length) {
                return new Token(TokenType.EOF, "", false, pos(lastLine, lastColumn), lastLine, lastColumn);
            }
            char c = text.charAt(offset);
            // Whitespace and comments are skipped, but Nix still moves its "current location" onto them.
            int skip = whitespaceLength(offset);
            if (skip == 0 && c == '#') {
                skip = 1;
                while (offset + skip < length && text.charAt(offset + skip) != '\n' && text.charAt(offset + skip) != '\r') {
                    skip++;
                }
            }
            if (skip == 0 && c == '/' && at(offset + 1, '*')) {
                int close = text.indexOf("*/", offset + 2);
                if (close >= 0) {
                    skip = close + 2 - offset;
                }
            }
            if (skip > 0) {
                markLexeme();
                advance(skip);
                continue;
            }
            return lexDefaultToken();
        }
    }

    private Token lexDefaultToken() {
        int start = offset;
        // Candidates in the order of Nix's rules; the longest wins, the earliest on a tie.
        Candidate best = new Candidate();
        char c = text.charAt(start);
        // Only the rules that can match a text starting with c are tried (the others would
        // match nothing); the order of the offers is still the order of Nix's rules.
        boolean letter = isAsciiLetter(c);
        boolean pathStart = isPathChar(c) || c == '/';
        if (letter || c == '_') {
            int id = identifierLength(start);
            best.offer(keywordOrId(text, start, id), id);
        }
        if (c == '.') {
            best.offer(TokenType.ELLIPSIS, text.startsWith("...", start) ? 3 : 0);
        }
        best.offer(twoCharOperator(start), 2);
        if (isDigit(c) || c == '.') {
            best.offer(TokenType.INT, digitsLength(start));
            best.offer(TokenType.FLOAT, floatLength(start));
        }
        if (c == '$') {
            best.offer(TokenType.DOLLAR_CURLY, text.startsWith("${", start) ? 2 : 0);
        }
        if (c == '\'') {
            best.offer(TokenType.IND_STRING_OPEN, indStringOpenLength(start));
        }
        if (pathStart && best.offer(TokenType.PATH, pathSegmentBeforeDollarLength(start))
                || c == '~' && best.offer(TokenType.HPATH, text.startsWith("~/${", start) ? 4 : 0)) {
            best.beforeInterpolation = true;
        }
        if (pathStart) {
            best.offer(TokenType.PATH, pathLength(start));
        }
        if (c == '~') {
            best.offer(TokenType.HPATH, homePathLength(start));
        }
        if (c == '<') {
            best.offer(TokenType.SPATH, searchPathLength(start));
        }
        if (letter) {
            best.offer(TokenType.URI, uriLength(start));
        }

        if (best.type == null) {
            return singleCharToken(start);
        }
        String lexeme = text.substring(start, start + best.length);
        switch (best.type) {
            case PATH, HPATH -> {
                if (best.beforeInterpolation) {
                    // "a/${" or "~/${": the token is the segment up to the slash; the "${" follows.
                    return pathStart(best.type, lexeme.substring(0, lexeme.length() - 2), State.INPATH_SLASH);
                }
                return pathStart(best.type, lexeme, lexeme.endsWith("/") ? State.INPATH_SLASH : State.INPATH);
            }
            case DOLLAR_CURLY -> {
                Token t = token(TokenType.DOLLAR_CURLY, "${", 2);
                push(State.DEFAULT);
                return t;
            }
            case IND_STRING_OPEN -> {
                Token t = token(TokenType.IND_STRING_OPEN, lexeme, best.length);
                push(State.IND_STRING);
                return t;
            }
            case INT -> {
                Token t = token(TokenType.INT, lexeme, best.length);
                if (!NumberLiterals.isRepresentableInt(lexeme)) {
                    throw new ParseException("invalid integer '" + lexeme + "'", t.pos());
                }
                return t;
            }
            case FLOAT -> {
                Token t = token(TokenType.FLOAT, lexeme, best.length);
                if (!NumberLiterals.isRepresentableFloat(lexeme)) {
                    throw new ParseException("invalid float '" + lexeme + "'", t.pos());
                }
                return t;
            }
            default -> {
                return token(best.type, lexeme, best.length);
            }
        }
    }

    /** The best rule so far while trying Nix's rules in order. */
    private static final class Candidate {
        TokenType type;
        int length;
        boolean beforeInterpolation;

        /** Takes the match if strictly longer (earlier rules win ties); true if taken. */
        boolean offer(TokenType candidate, int len) {
            if (candidate == null || len <= length) {
                return false;
            }
            type = candidate;
            length = len;
            beforeInterpolation = false;
            return true;
        }
    }

    private Token pathStart(TokenType type, String lexeme, State next) {
        pathPieceLine = line;
        pathPieceColumn = column;
        Token t = token(type, lexeme, lexeme.length());
        push(next);
        return t;
    }

    private Token singleCharToken(int start) {
        char c = text.charAt(start);
        TokenType type = switch (c) {
            case '{' -> TokenType.LBRACE;
            case '}' -> TokenType.RBRACE;
            case '[' -> TokenType.LBRACK;
            case ']' -> TokenType.RBRACK;
            case '(' -> TokenType.LPAREN;
            case ')' -> TokenType.RPAREN;
            case '"' -> TokenType.QUOTE;
            case ';' -> TokenType.SEMI;
            case ':' -> TokenType.COLON;
            case ',' -> TokenType.COMMA;
            case '@' -> TokenType.AT;
            case '.' -> TokenType.DOT;
            case '=' -> TokenType.ASSIGN;
            case '?' -> TokenType.QUESTION;
            case '!' -> TokenType.NOT;
            case '+' -> TokenType.PLUS;
            case '-' -> TokenType.MINUS;
            case '*' -> TokenType.STAR;
            case '/' -> TokenType.SLASH;
            case '<' -> TokenType.LT;
            case '>' -> TokenType.GT;
            default -> TokenType.INVALID;
        };
        // A character outside the BMP is one (invalid) token, like the first of its bytes in Nix.
        int len = Character.isHighSurrogate(c) && start + 1 < length && Character.isLowSurrogate(text.charAt(start + 1)) ? 2 : 1;
        Token t = token(type, text.substring(start, start + len), len);
        switch (type) {
            case LBRACE -> push(State.DEFAULT);
            case RBRACE -> {
                // INITIAL marks the bottom of the stack: an unbalanced '}' leaves it in place.
                if (state != State.INITIAL) {
                    pop();
                }
            }
            case QUOTE -> push(State.STRING);
            default -> { }
        }
        return t;
    }

    // ----- strings ----------------------------------------------------------------------

    private Token lexString() {
        int start = offset;
        if (offset >= length) {
            return new Token(TokenType.EOF, "", false, pos(lastLine, lastColumn), lastLine, lastColumn);
        }
        if (text.startsWith("${", start)) {
            Token t = token(TokenType.DOLLAR_CURLY, "${", 2);
            push(State.DEFAULT);
            return t;
        }
        if (text.charAt(start) == '"') {
            Token t = token(TokenType.QUOTE, "\"", 1);
            pop();
            return t;
        }
        int j = start;
        while (j < length) {
            char c = text.charAt(j);
            if (c == '"') {
                break;
            } else if (c == '\\') {
                if (j + 1 >= length) {
                    break;
                }
                j += 2;
            } else if (c == '$') {
                if (j + 1 >= length) {
                    break;
                }
                char d = text.charAt(j + 1);
                if (d == '{') {
                    break;
                } else if (d == '"') {
                    j++; // a '$' right before the closing quote is literal
                    break;
                } else if (d == '\\') {
                    if (j + 2 >= length) {
                        break;
                    }
                    j += 3;
                } else {
                    j += 2; // "$$" is two literal dollars, so "$${" is not an interpolation
                }
            } else {
                j++;
            }
        }
        if (j == start) {
            // A lone '$' or '\' at the end of the input; the parser then fails at end of file.
            j = length;
        }
        String raw = text.substring(start, j);
        return token(TokenType.STR, unescape(raw), j - start);
    }

    /** Resolves {@code \n \r \t} and {@code \x} escapes; a raw CR or CR LF becomes LF. */
    static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char e = raw.charAt(++i);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
            } else if (c == '\r') {
                out.append('\n');
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Token lexIndString() {
        int start = offset;
        if (offset >= length) {
            return new Token(TokenType.EOF, "", false, pos(lastLine, lastColumn), lastLine, lastColumn);
        }
        if (text.startsWith("''$", start)) {
            return token(TokenType.IND_STR, "$", 3, false);
        }
        if (text.startsWith("'''", start)) {
            return token(TokenType.IND_STR, "''", 3, false);
        }
        if (text.startsWith("''\\", start) && start + 3 < length) {
            int len = Character.isHighSurrogate(text.charAt(start + 3)) && start + 4 < length ? 5 : 4;
            return token(TokenType.IND_STR, unescape(text.substring(start + 2, start + len)), len, false);
        }
        if (text.startsWith("''", start)) {
            Token t = token(TokenType.IND_STRING_CLOSE, "''", 2);
            pop();
            return t;
        }
        if (text.startsWith("${", start)) {
            Token t = token(TokenType.DOLLAR_CURLY, "${", 2);
            push(State.DEFAULT);
            return t;
        }
        int j = start;
        while (j < length) {
            char c = text.charAt(j);
            if (c == '$' || c == '\'') {
                if (j + 1 >= length) {
                    break;
                }
                char d = text.charAt(j + 1);
                if (c == '$' ? d == '{' || d == '\'' : d == '\'' || d == '$') {
                    break;
                }
                j += 2;
            } else {
                j++;
            }
        }
        if (j > start) {
            return token(TokenType.IND_STR, text.substring(start, j), j - start, true);
        }
        // A '$' before a quote, or a quote before a '$': one literal character.
        return token(TokenType.IND_STR, String.valueOf(text.charAt(start)), 1, false);
    }

    // ----- inside a path literal --------------------------------------------------------

    private Token lexInPath() {
        int start = offset;
        if (text.startsWith("${", start)) {
            Token t = token(TokenType.DOLLAR_CURLY, "${", 2);
            state = State.INPATH;
            push(State.DEFAULT);
            return t;
        }
        int piece = Math.max(Math.max(pathLength(start), pathCharsLength(start)),
                at(start + pathCharsLength(start), '/') ? pathCharsLength(start) + 1 : 0);
        if (piece > 0) {
            pathPieceLine = line;
            pathPieceColumn = column;
            String lexeme = text.substring(start, start + piece);
            Token t = token(TokenType.STR, lexeme, piece);
            state = lexeme.endsWith("/") ? State.INPATH_SLASH : State.INPATH;
            return t;
        }
        if (state == State.INPATH_SLASH) {
            Pos where = offset >= length ? pos(lastLine, lastColumn) : pos(line, column);
            throw new ParseException("path has a trailing slash", where);
        }
        // Any other character ends the path; it is read again in the enclosing state. Nix puts
        // PATH_END at its previous location: the last piece of the path, or at the end of the
        // input (where it has not moved onto a next character) the lexeme before that piece.
        pop();
        if (offset >= length) {
            lastLine = previousLine;
            lastColumn = previousColumn;
            return new Token(TokenType.PATH_END, "", false, pos(lastLine, lastColumn), lastLine, lastColumn);
        }
        return new Token(TokenType.PATH_END, "", false, pos(pathPieceLine, pathPieceColumn), pathPieceLine, pathPieceColumn);
    }

    // ----- matchers: each returns the length of its match at i, or 0 ---------------------

    private int whitespaceLength(int i) {
        int j = i;
        while (j < length) {
            char c = text.charAt(j);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            j++;
        }
        return j - i;
    }

    private int identifierLength(int i) {
        if (i >= length || !isIdStart(text.charAt(i))) {
            return 0;
        }
        int j = i + 1;
        while (j < length && isIdChar(text.charAt(j))) {
            j++;
        }
        return j - i;
    }

    private static TokenType keywordOrId(String text, int start, int len) {
        if (len == 0) {
            return null;
        }
        for (int k = 0; k < KEYWORDS.length; k++) {
            if (KEYWORDS[k].length() == len && text.startsWith(KEYWORDS[k], start)) {
                return KEYWORD_TYPES[k];
            }
        }
        return TokenType.ID;
    }

    private TokenType twoCharOperator(int i) {
        if (i + 1 >= length) {
            return null;
        }
        char a = text.charAt(i);
        char b = text.charAt(i + 1);
        return switch (a) {
            case '=' -> b == '=' ? TokenType.EQ : null;
            case '!' -> b == '=' ? TokenType.NEQ : null;
            case '<' -> b == '=' ? TokenType.LEQ : null;
            case '>' -> b == '=' ? TokenType.GEQ : null;
            case '&' -> b == '&' ? TokenType.AND : null;
            case '|' -> b == '|' ? TokenType.OR : null;
            case '-' -> b == '>' ? TokenType.IMPL : null;
            case '/' -> b == '/' ? TokenType.UPDATE : null;
            case '+' -> b == '+' ? TokenType.CONCAT : null;
            default -> null;
        };
    }

    private int digitsLength(int i) {
        int j = i;
        while (j < length && isDigit(text.charAt(j))) {
            j++;
        }
        return j - i;
    }

    /** {@code (([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?}. */
    private int floatLength(int i) {
        int mantissa = 0;
        if (i < length && text.charAt(i) >= '1' && text.charAt(i) <= '9') {
            int j = i + 1 + digitsLength(i + 1);
            if (at(j, '.')) {
                mantissa = j + 1 + digitsLength(j + 1) - i;
            }
        }
        int j = at(i, '0') ? i + 1 : i;
        if (at(j, '.') && digitsLength(j + 1) > 0) {
            mantissa = Math.max(mantissa, j + 1 + digitsLength(j + 1) - i);
        }
        if (mantissa == 0) {
            return 0;
        }
        int e = i + mantissa;
        if (at(e, 'e') || at(e, 'E')) {
            int k = e + 1;
            if (at(k, '+') || at(k, '-')) {
                k++;
            }
            int exp = digitsLength(k);
            if (exp > 0) {
                return k + exp - i;
            }
        }
        return mantissa;
    }

    private int indStringOpenLength(int i) {
        if (!text.startsWith("''", i)) {
            return 0;
        }
        int j = i + 2;
        while (at(j, ' ')) {
            j++;
        }
        return at(j, '\n') ? j + 1 - i : 2;
    }

    private int pathCharsLength(int i) {
        int j = i;
        while (j < length && isPathChar(text.charAt(j))) {
            j++;
        }
        return j - i;
    }

    /** {@code {PATH_CHAR}*\/\$\{}: a path whose first segment is followed by an interpolation. */
    private int pathSegmentBeforeDollarLength(int i) {
        int j = i + pathCharsLength(i);
        return at(j, '/') && text.startsWith("${", j + 1) ? j + 3 - i : 0;
    }

    /** {@code {PATH_CHAR}*(\/{PATH_CHAR}+)+\/?}. */
    private int pathLength(int i) {
        int j = slashSegments(i + pathCharsLength(i));
        return j < 0 ? 0 : j - i;
    }

    /** {@code \~(\/{PATH_CHAR}+)+\/?}. */
    private int homePathLength(int i) {
        if (!at(i, '~')) {
            return 0;
        }
        int j = slashSegments(i + 1);
        return j < 0 ? 0 : j - i;
    }

    /** Matches {@code (\/{PATH_CHAR}+)+\/?} at j; returns the end, or -1 without a segment. */
    private int slashSegments(int j) {
        int segments = 0;
        while (at(j, '/') && pathCharsLength(j + 1) > 0) {
            j += 1 + pathCharsLength(j + 1);
            segments++;
        }
        if (segments == 0) {
            return -1;
        }
        return at(j, '/') ? j + 1 : j;
    }

    /** {@code \<{PATH_CHAR}+(\/{PATH_CHAR}+)*\>}. */
    private int searchPathLength(int i) {
        if (!at(i, '<')) {
            return 0;
        }
        int j = i + 1;
        int first = pathCharsLength(j);
        if (first == 0) {
            return 0;
        }
        j += first;
        while (at(j, '/') && pathCharsLength(j + 1) > 0) {
            j += 1 + pathCharsLength(j + 1);
        }
        return at(j, '>') ? j + 1 - i : 0;
    }

    /** {@code [a-zA-Z][a-zA-Z0-9\+\-\.]*\:[a-zA-Z0-9\%\/\?\:\@\&\=\+\$\,\-\_\.\!\~\*\']+}. */
    private int uriLength(int i) {
        if (i >= length || !isAsciiLetter(text.charAt(i))) {
            return 0;
        }
        int j = i + 1;
        while (j < length && (isAsciiLetter(text.charAt(j)) || isDigit(text.charAt(j)) || "+-.".indexOf(text.charAt(j)) >= 0)) {
            j++;
        }
        if (!at(j, ':')) {
            return 0;
        }
        int k = j + 1;
        while (k < length && isUriChar(text.charAt(k))) {
            k++;
        }
        return k > j + 1 ? k - i : 0;
    }

    private static boolean isIdStart(char c) {
        return isAsciiLetter(c) || c == '_';
    }

    private static boolean isIdChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_' || c == '\'' || c == '-';
    }

    private static boolean isPathChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '-' || c == '+';
    }

    private static boolean isUriChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || "%/?:@&=+$,-_.!~*'".indexOf(c) >= 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean at(int i, char c) {
        return i < length && text.charAt(i) == c;
    }

    // ----- positions and the state stack ------------------------------------------------

    private Token token(TokenType type, String value, int len) {
        return token(type, value, len, false);
    }

    private Token token(TokenType type, String value, int len, boolean hasIndentation) {
        markLexeme();
        Pos start = pos(line, column);
        advance(len);
        return new Token(type, value, hasIndentation, start, line, column);
    }

    private void markLexeme() {
        previousLine = lastLine;
        previousColumn = lastColumn;
        lastLine = line;
        lastColumn = column;
    }

    private Pos pos(int l, int c) {
        return new Pos(source, l, c);
    }

    /** Moves over n chars, counting lines (LF, CR LF, lone CR) and byte columns. */
    private void advance(int n) {
        int end = offset + n;
        while (offset < end) {
            char c = text.charAt(offset++);
            if (c == '\r') {
                if (offset < end && text.charAt(offset) == '\n') {
                    offset++;
                }
                line++;
                column = 1;
            } else if (c == '\n') {
                line++;
                column = 1;
            } else if (c < 0x80) {
                column++;
            } else if (c < 0x800) {
                column += 2;
            } else if (Character.isSurrogate(c)) {
                column += 2; // a pair is four bytes in UTF-8
            } else {
                column += 3;
            }
        }
    }

    private void push(State next) {
        stack.push(state);
        state = next;
    }

    private void pop() {
        state = stack.isEmpty() ? State.INITIAL : stack.pop();
    }
}
