package org.jmicrovm.lang.parse;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Expr.*;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.ast.Source;

/**
 * The parser of the Nix language (as Nix 2.8 accepts it), producing the tree of
 * {@link Expr}.
 *
 * <p>Recursive descent for the constructs that nest ({@code let}, functions, sets, lists,
 * parentheses, strings), and an operator-precedence loop with explicit stacks for the
 * operators, so that long operator chains ({@code a ++ b ++ ...}) and prefix chains
 * ({@code !!!...x}) cost no Java stack. Nix's precedence table, from loosest to tightest:
 * {@code ->} (right), {@code ||}, {@code &&}, {@code == !=} (non-associative),
 * {@code < <= > >=} (non-associative), {@code //} (right), {@code !}, {@code + -},
 * {@code * /}, {@code ++} (right), {@code ?}, unary {@code -}; then application and
 * selection bind tighter than any operator.
 *
 * <p>Positions follow Nix 2.8: a binary operator and an application are at the start of
 * their left operand (parentheses included), because Nix uses the location of the whole
 * rule there.
 *
 * <p>Deep input: each nesting level costs a handful of Java frames (up to about 2 KB).
 * Inputs longer than {@value #INLINE_LIMIT} characters are parsed on a dedicated thread with
 * a large stack ({@value #STACK_BYTES} bytes, reserved but only touched as needed), and
 * nesting beyond {@value #MAX_DEPTH} levels (a parenthesis or a set counts two: the
 * expression and its operand) is a {@link ParseException}, never a {@link StackOverflowError}.
 * Nix itself gives up at 10 000 levels ("memory exhausted").
 */
public final class Parser {

    /** Deeper nesting is refused (Nix itself stops at 10 000, its parser stack). */
    static final int MAX_DEPTH = 100_000;
    /**
     * Short inputs cannot nest deeply enough to need the big stack: a level of nesting costs
     * up to about 2 KB of stack (compiled frames) and takes at least 2 characters.
     */
    static final int INLINE_LIMIT = 128;
    static final long STACK_BYTES = 512L << 20;

    private final Lexer lexer;
    private final Source source;
    private final Path homeDir;
    private final ArrayDeque<Token> lookahead = new ArrayDeque<>();
    private int depth;
    /** The order in which identifiers first appear: Nix orders symbols by when they were created. */
    private final java.util.HashMap<String, Integer> symbolRank = new java.util.HashMap<>();

    private Parser(Source source, Path homeDir) {
        this.source = source;
        this.lexer = new Lexer(source);
        this.homeDir = homeDir;
    }

    /** Parses Nix text; {@code ~/} paths use the home directory from {@code $HOME}. */
    public static Expr parse(Source source) {
        return parse(source, defaultHome());
    }

    public static Expr parse(Source source, Path homeDir) {
        if (source.text().length() <= INLINE_LIMIT) {
            try {
                return new Parser(source, homeDir).parseWhole();
            } catch (StackOverflowError e) {
                // The caller was itself deep in its stack: the parse (which has no side
                // effects) is simply done again where there is room.
            }
        }
        return parseOnBigStack(source, homeDir);
    }

    /**
     * For callers that already run on a thread with a large stack (the evaluation thread): parses
     * there, and on a fresh big-stack thread only if that stack runs out (the caller was deep in
     * it). Starting a thread per parsed file costs more than parsing a small one.
     */
    public static Expr parseOnLargeStack(Source source, Path homeDir) {
        try {
            return new Parser(source, homeDir).parseWhole();
        } catch (StackOverflowError e) {
            return parseOnBigStack(source, homeDir);
        }
    }

    /** Parses on the calling thread, whatever its stack (for tests of the depth limits). */
    static Expr parseOnCurrentThread(Source source, Path homeDir) {
        return new Parser(source, homeDir).parseWhole();
    }

    private static Path defaultHome() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    private static Expr parseOnBigStack(Source source, Path homeDir) {
        Object[] result = new Object[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = new Parser(source, homeDir).parseWhole();
            } catch (RuntimeException | Error e) {
                result[0] = e;
            }
        }, "nix-parser", STACK_BYTES);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // parsing is bounded: finish it, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (result[0] instanceof Expr e) {
            return e;
        }
        if (result[0] instanceof RuntimeException e) {
            throw e;
        }
        if (result[0] instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("the parser thread ended without a result");
    }

    private Expr parseWhole() {
        Expr e = parseExpr();
        if (peek().type() != TokenType.EOF) {
            throw unexpected(peek(), "end of file");
        }
        return e;
    }

    // ----- tokens -----------------------------------------------------------------------

    private Token peek() {
        return peek(0);
    }

    private Token peek(int k) {
        while (lookahead.size() <= k) {
            lookahead.addLast(lexer.next());
        }
        if (k == 0) {
            return lookahead.peekFirst();
        }
        int i = 0;
        for (Token t : lookahead) {
            if (i++ == k) {
                return t;
            }
        }
        throw new IllegalStateException();
    }

    private Token consume() {
        Token t = peek();
        lookahead.pollFirst();
        if (t.type() == TokenType.ID) {
            symbolRank.putIfAbsent(t.text(), symbolRank.size());
        }
        return t;
    }

    private Token expect(TokenType type) {
        return expect(type, type.displayName());
    }

    private Token expect(TokenType type, String expecting) {
        if (peek().type() != type) {
            throw unexpected(peek(), expecting);
        }
        return consume();
    }

    private static ParseException unexpected(Token t, String expecting) {
        String message = "syntax error, unexpected " + t.type().displayName();
        if (expecting != null) {
            message += ", expecting " + expecting;
        }
        return new ParseException(message, t.pos());
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ParseException("expression nested too deeply (more than " + MAX_DEPTH + " levels)", peek().pos());
        }
    }

    // ----- expressions ------------------------------------------------------------------

    private Expr parseExpr() {
        enter();
        try {
            return parseFunction();
        } finally {
            depth--;
        }
    }

    /** Functions, assert, with, let ... in, if; otherwise an operator expression. */
    private Expr parseFunction() {
        Token t = peek();
        switch (t.type()) {
            case ID -> {
                TokenType next = peek(1).type();
                if (next == TokenType.COLON) {
                    consume();
                    consume();
                    return new Lambda(t.pos(), t.text(), null, parseExpr());
                }
                if (next == TokenType.AT) {
                    consume();
                    consume();
                    expect(TokenType.LBRACE);
                    Formals formals = parseFormals();
                    expect(TokenType.COLON);
                    Expr body = parseExpr();
                    checkFormals(formals, t.text(), t.pos()); // after the body, as in Nix
                    return new Lambda(t.pos(), t.text(), formals, body);
                }
            }
            case LBRACE -> {
                if (startsFormals()) {
                    consume();
                    Formals formals = parseFormals();
                    String argName = null;
                    if (peek().type() == TokenType.AT) {
                        consume();
                        argName = expect(TokenType.ID).text();
                        expect(TokenType.COLON);
                    } else {
                        expect(TokenType.COLON, "':' or '@'");
                    }
                    Expr body = parseExpr();
                    checkFormals(formals, argName, t.pos()); // after the body, as in Nix
                    return new Lambda(t.pos(), argName, formals, body);
                }
            }
            case ASSERT -> {
                consume();
                Expr condition = parseExpr();
                expect(TokenType.SEMI);
                return new Assert(t.pos(), condition, parseExpr());
            }
            case WITH -> {
                consume();
                Expr scope = parseExpr();
                expect(TokenType.SEMI);
                return new With(t.pos(), scope, parseExpr());
            }
            case LET -> {
                if (peek(1).type() != TokenType.LBRACE) {
                    consume();
                    Bindings bindings = parseBindings(TokenType.IN, t.pos(), t.endPos(), true);
                    consume(); // IN
                    Expr body = parseExpr();
                    if (bindings.hasDynamic()) {
                        throw new ParseException("dynamic attributes not allowed in let", t.pos());
                    }
                    return new Let(t.pos(), bindings.definitions(), body);
                }
            }
            case IF -> {
                consume();
                Expr condition = parseExpr();
                expect(TokenType.THEN);
                Expr then = parseExpr();
                expect(TokenType.ELSE);
                return new If(t.pos(), condition, then, parseExpr());
            }
            default -> { }
        }
        return parseOperators();
    }

    /**
     * After '{' at the start of an expression: is this a function's formals rather than a
     * set? ({@code { }:}, {@code { ... }}, {@code { a, }}, {@code { a ? }}, {@code { a }}).
     */
    private boolean startsFormals() {
        Token first = peek(1);
        return switch (first.type()) {
            case RBRACE -> peek(2).type() == TokenType.COLON || peek(2).type() == TokenType.AT;
            case ELLIPSIS -> true;
            case ID -> switch (peek(2).type()) {
                case COMMA, QUESTION, RBRACE -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /** The formals after '{', through the closing '}'. */
    private Formals parseFormals() {
        List<Formal> formals = new ArrayList<>();
        boolean ellipsis = false;
        while (true) {
            Token t = peek();
            if (t.type() == TokenType.RBRACE) {
                break;
            }
            if (t.type() == TokenType.ELLIPSIS) {
                consume();
                ellipsis = true;
                break;
            }
            if (t.type() != TokenType.ID) {
                throw unexpected(t, "'}'");
            }
            consume();
            Expr defaultValue = null;
            if (peek().type() == TokenType.QUESTION) {
                consume();
                defaultValue = parseExpr();
            }
            formals.add(new Formal(t.pos(), t.text(), defaultValue));
            if (peek().type() != TokenType.COMMA) {
                break;
            }
            consume();
        }
        expect(TokenType.RBRACE);
        return new Formals(formals, ellipsis);
    }

    /**
     * Duplicate formals: Nix reports the name whose symbol it created first (in practice, the
     * one that appears first in the file), at its second occurrence.
     */
    private void checkFormals(Formals formals, String argName, Pos lambdaPos) {
        Formal duplicate = null;
        List<Formal> list = formals.formals();
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (list.get(j).name().equals(list.get(i).name())
                        && (duplicate == null || rank(list.get(i).name()) < rank(duplicate.name()))) {
                    duplicate = list.get(i);
                }
            }
        }
        if (duplicate != null) {
            throw new ParseException("duplicate formal function argument '" + duplicate.name() + "'", duplicate.pos());
        }
        if (argName != null) {
            for (Formal f : list) {
                if (f.name().equals(argName)) {
                    throw new ParseException("duplicate formal function argument '" + argName + "'", lambdaPos);
                }
            }
        }
    }

    private int rank(String name) {
        return symbolRank.getOrDefault(name, Integer.MAX_VALUE);
    }

    // ----- operators --------------------------------------------------------------------

    /** An expression with the start of its source text (Nix positions some nodes there). */
    private record Operand(Expr expr, Pos start) {}

    private enum Assoc { LEFT, RIGHT, NONE }

    private record OpInfo(Op op, int precedence, Assoc assoc) {}

    private static final int PREC_NOT = 7;

    /** A pending operator: binary (op set) or prefix '-' / '!' (op null). */
    private record Pending(Token token, OpInfo binary) {
        boolean isPrefix() {
            return binary == null;
        }
    }

    private static OpInfo binaryOperator(TokenType type) {
        return switch (type) {
            case IMPL -> new OpInfo(Op.IMPL, 1, Assoc.RIGHT);
            case OR -> new OpInfo(Op.OR, 2, Assoc.LEFT);
            case AND -> new OpInfo(Op.AND, 3, Assoc.LEFT);
            case EQ -> new OpInfo(Op.EQ, 4, Assoc.NONE);
            case NEQ -> new OpInfo(Op.NEQ, 4, Assoc.NONE);
            case LT -> new OpInfo(Op.LT, 5, Assoc.NONE);
            case GT -> new OpInfo(Op.GT, 5, Assoc.NONE);
            case LEQ -> new OpInfo(Op.LE, 5, Assoc.NONE);
            case GEQ -> new OpInfo(Op.GE, 5, Assoc.NONE);
            case UPDATE -> new OpInfo(Op.UPDATE, 6, Assoc.RIGHT);
            case PLUS -> new OpInfo(Op.ADD, 8, Assoc.LEFT);
            case MINUS -> new OpInfo(Op.SUB, 8, Assoc.LEFT);
            case STAR -> new OpInfo(Op.MUL, 9, Assoc.LEFT);
            case SLASH -> new OpInfo(Op.DIV, 9, Assoc.LEFT);
            case CONCAT -> new OpInfo(Op.CONCAT, 10, Assoc.RIGHT);
            default -> null;
        };
    }

    private Expr parseOperators() {
        List<Operand> operands = new ArrayList<>();
        List<Pending> operators = new ArrayList<>();
        while (true) {
            // Operand position: prefix operators, then an application.
            while (peek().type() == TokenType.MINUS || peek().type() == TokenType.NOT) {
                operators.add(new Pending(consume(), null));
            }
            operands.add(parseApplication());
            OpInfo binary;
            while (true) {
                Token t = peek();
                if (t.type() == TokenType.QUESTION) {
                    // '?' is declared non-associative, but its right side is an attribute path,
                    // so Nix accepts a ? b ? c as (a ? b) ? c. Only unary minus binds tighter.
                    while (!operators.isEmpty() && last(operators).isPrefix()
                            && last(operators).token().type() == TokenType.MINUS) {
                        reduce(operands, operators);
                    }
                    consume();
                    Operand target = operands.remove(operands.size() - 1);
                    List<AttrName> path = parseAttrPath();
                    operands.add(new Operand(new HasAttr(target.start(), target.expr(), path), target.start()));
                    continue;
                }
                binary = binaryOperator(t.type());
                break;
            }
            if (binary == null) {
                break;
            }
            Token opToken = peek();
            while (!operators.isEmpty() && reducesBefore(last(operators), binary, opToken)) {
                reduce(operands, operators);
            }
            consume();
            operators.add(new Pending(opToken, binary));
        }
        while (!operators.isEmpty()) {
            reduce(operands, operators);
        }
        return operands.get(0).expr();
    }

    /** Does the pending operator take its operand before the incoming binary operator? */
    private static boolean reducesBefore(Pending pending, OpInfo incoming, Token incomingToken) {
        if (pending.isPrefix()) {
            // Unary minus binds tightest; '!' binds looser than + - * / ++ ? but tighter than the rest.
            return pending.token().type() == TokenType.MINUS || incoming.precedence() <= PREC_NOT;
        }
        int p = pending.binary().precedence();
        if (p != incoming.precedence()) {
            return p > incoming.precedence();
        }
        return switch (incoming.assoc()) {
            case LEFT -> true;
            case RIGHT -> false;
            case NONE -> throw unexpected(incomingToken, null);
        };
    }

    private static void reduce(List<Operand> operands, List<Pending> operators) {
        Pending op = operators.remove(operators.size() - 1);
        Operand right = operands.remove(operands.size() - 1);
        if (op.isPrefix()) {
            Pos pos = op.token().pos();
            Expr e = op.token().type() == TokenType.MINUS ? new Negate(pos, right.expr()) : new Not(pos, right.expr());
            operands.add(new Operand(e, pos));
            return;
        }
        Operand left = operands.remove(operands.size() - 1);
        operands.add(new Operand(new BinOp(left.start(), op.binary().op(), left.expr(), right.expr()), left.start()));
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    // ----- application, selection, simple expressions -----------------------------------

    private static boolean startsSimple(TokenType type) {
        return switch (type) {
            case ID, INT, FLOAT, QUOTE, IND_STRING_OPEN, PATH, HPATH, SPATH, URI, LPAREN, LET, REC, LBRACE, LBRACK -> true;
            default -> false;
        };
    }

    private Operand parseApplication() {
        if (!startsSimple(peek().type())) {
            throw unexpected(peek(), null);
        }
        Operand function = parseSelect();
        Expr e = function.expr();
        while (startsSimple(peek().type())) {
            e = new Apply(function.start(), e, parseSelect().expr());
        }
        return new Operand(e, function.start());
    }

    /** {@code e.a.b}, {@code e.a.b or d}, and Nix's {@code f or} (the function 'or' as an argument). */
    private Operand parseSelect() {
        enter();
        try {
            Pos start = peek().pos();
            Expr e = parseSimple();
            if (peek().type() == TokenType.DOT) {
                consume();
                List<AttrName> path = parseAttrPath();
                Expr orDefault = null;
                if (peek().type() == TokenType.OR_KW) {
                    consume();
                    orDefault = parseSelect().expr();
                }
                return new Operand(new Select(start, e, path, orDefault), start);
            }
            if (peek().type() == TokenType.OR_KW) {
                consume();
                return new Operand(new Apply(start, e, new Var(start, "or")), start);
            }
            return new Operand(e, start);
        } finally {
            depth--;
        }
    }

    private Expr parseSimple() {
        Token t = peek();
        switch (t.type()) {
            case ID -> {
                consume();
                return t.text().equals("__curPos") ? new CurPos(t.pos()) : new Var(t.pos(), t.text());
            }
            case INT -> {
                consume();
                return new IntLit(t.pos(), Long.parseLong(t.text()));
            }
            case FLOAT -> {
                consume();
                return new FloatLit(t.pos(), Double.parseDouble(t.text()));
            }
            case QUOTE -> {
                consume();
                return new Str(t.pos(), parseStringParts());
            }
            case IND_STRING_OPEN -> {
                consume();
                return new Str(t.pos(), parseIndentedString());
            }
            case PATH, HPATH -> {
                consume();
                return parsePath(t);
            }
            case SPATH -> {
                consume();
                return new SearchPath(t.pos(), t.text().substring(1, t.text().length() - 1));
            }
            case URI -> {
                consume();
                return new Str(t.pos(), List.of(new StrPart.Literal(t.text())));
            }
            case LPAREN -> {
                consume();
                Expr e = parseExpr();
                expect(TokenType.RPAREN);
                return e;
            }
            case LET -> {
                // let { ...; body = e; } is (rec { ...; body = e; }).body
                consume();
                Token brace = expect(TokenType.LBRACE);
                AttrSet set = parseSetBody(brace, true);
                return new Select(t.pos(), set, List.of(new AttrName.Static("body")), null);
            }
            case REC -> {
                consume();
                Token brace = expect(TokenType.LBRACE);
                return parseSetBody(brace, true);
            }
            case LBRACE -> {
                consume();
                return parseSetBody(t, false);
            }
            case LBRACK -> {
                consume();
                List<Expr> elements = new ArrayList<>();
                while (startsSimple(peek().type())) {
                    elements.add(parseSelect().expr());
                }
                expect(TokenType.RBRACK, null);
                return new ListExpr(t.pos(), elements);
            }
            default -> throw unexpected(t, null);
        }
    }

    private AttrSet parseSetBody(Token brace, boolean recursive) {
        Bindings bindings = parseBindings(TokenType.RBRACE, brace.pos(), brace.endPos(), recursive);
        consume(); // '}'
        return bindings.toAttrSet();
    }

    // ----- strings and paths ------------------------------------------------------------

    /** The parts of a "..." string after its opening quote, through the closing quote. */
    private List<StrPart> parseStringParts() {
        List<StrPart> parts = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case STR -> {
                    // A second STR before any interpolation (only after a stray '$' or '\' at
                    // the end of the input) is an error in Nix's grammar.
                    if (parts.size() == 1 && parts.get(0) instanceof StrPart.Literal) {
                        throw unexpected(t, "'\"'");
                    }
                    parts.add(new StrPart.Literal(consume().text()));
                }
                case DOLLAR_CURLY -> parts.add(new StrPart.Interpolation(parseInterpolation()));
                case QUOTE -> {
                    consume();
                    return parts;
                }
                default -> throw unexpected(t, "'\"'");
            }
        }
    }

    private Expr parseInterpolation() {
        consume(); // ${
        Expr e = parseExpr();
        expect(TokenType.RBRACE);
        return e;
    }

    private List<StrPart> parseIndentedString() {
        List<IndentedString.Piece> pieces = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case IND_STR -> pieces.add(new IndentedString.Piece.Text(consume().text(), t.hasIndentation()));
                case DOLLAR_CURLY -> pieces.add(new IndentedString.Piece.Interpolation(parseInterpolation()));
                case IND_STRING_CLOSE -> {
                    consume();
                    return IndentedString.strip(pieces);
                }
                default -> throw unexpected(t, "IND_STR or DOLLAR_CURLY or IND_STRING_CLOSE");
            }
        }
    }

    private Expr parsePath(Token start) {
        String prefix = start.type() == TokenType.HPATH
                ? homeDir.toString() + start.text().substring(1)
                : PathLiterals.absolute(start.text(), source.baseDir().toString());
        if (peek().type() == TokenType.PATH_END) {
            consume();
            return new PathLit(start.pos(), prefix);
        }
        List<StrPart> parts = new ArrayList<>();
        parts.add(new StrPart.Literal(prefix));
        boolean first = true;
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case STR -> {
                    consume();
                    parts.add(new StrPart.Literal(t.text()));
                    if (first && peek().type() != TokenType.DOLLAR_CURLY) {
                        throw unexpected(peek(), "DOLLAR_CURLY");
                    }
                }
                case DOLLAR_CURLY -> parts.add(new StrPart.Interpolation(parseInterpolation()));
                case PATH_END -> {
                    consume();
                    return new InterpolatedPath(start.pos(), parts);
                }
                default -> throw unexpected(t, "PATH_END");
            }
            first = false;
        }
    }

    // ----- attribute paths and bindings ---------------------------------------------------

    private static final String ATTR_EXPECTED = "ID or OR_KW or DOLLAR_CURLY or '\"'";

    private List<AttrName> parseAttrPath() {
        List<AttrName> path = new ArrayList<>();
        path.add(parseAttrName());
        while (peek().type() == TokenType.DOT) {
            consume();
            path.add(parseAttrName());
        }
        return path;
    }

    private AttrName parseAttrName() {
        Token t = peek();
        return switch (t.type()) {
            case ID -> new AttrName.Static(consume().text());
            case OR_KW -> {
                consume();
                yield new AttrName.Static("or");
            }
            case QUOTE -> {
                consume();
                yield attrName(new Str(t.pos(), parseStringParts()));
            }
            case DOLLAR_CURLY -> attrName(parseInterpolation());
            default -> throw unexpected(t, ATTR_EXPECTED);
        };
    }

    /** A name whose expression is a plain string (no interpolation) is static, as in Nix. */
    private static AttrName attrName(Expr e) {
        if (e instanceof Str s && s.parts().size() <= 1 && s.parts().stream().allMatch(p -> p instanceof StrPart.Literal)) {
            return new AttrName.Static(s.parts().isEmpty() ? "" : ((StrPart.Literal) s.parts().get(0)).text());
        }
        return new AttrName.Dynamic(e);
    }

    /**
     * Bindings up to (not including) the terminator ('}' or IN).
     *
     * @param setPos the position of the set ('{' or 'let')
     * @param bindingsStart just after the token before the bindings: Nix puts the variables
     *                      of {@code inherit x;} and the selections of {@code inherit (e) x;} there
     */
    private Bindings parseBindings(TokenType terminator, Pos setPos, Pos bindingsStart, boolean recursive) {
        Bindings bindings = new Bindings(setPos, recursive);
        while (true) {
            Token t = peek();
            if (t.type() == terminator) {
                return bindings;
            }
            switch (t.type()) {
                case INHERIT -> parseInherit(bindings, bindingsStart);
                case ID, OR_KW, QUOTE, DOLLAR_CURLY -> {
                    List<AttrName> path = parseAttrPath();
                    expect(TokenType.ASSIGN, "'.' or '='");
                    Expr value = parseExpr();
                    expect(TokenType.SEMI);
                    bindings.define(path, value, t.pos());
                }
                default -> throw unexpected(t, null);
            }
        }
    }

    private void parseInherit(Bindings bindings, Pos bindingsStart) {
        Token inherit = consume();
        Expr from = null;
        Pos defPos = inherit.endPos();
        if (peek().type() == TokenType.LPAREN) {
            consume();
            from = parseExpr();
            defPos = expect(TokenType.RPAREN).endPos();
        }
        List<String> names = new ArrayList<>();
        while (peek().type() != TokenType.SEMI) {
            Token t = peek();
            switch (t.type()) {
                case ID, OR_KW, QUOTE, DOLLAR_CURLY -> {
                    AttrName name = parseAttrName();
                    if (name instanceof AttrName.Static(String s)) {
                        names.add(s);
                    } else {
                        throw new ParseException("dynamic attributes not allowed in inherit", t.pos());
                    }
                }
                default -> throw unexpected(t, null);
            }
        }
        consume(); // ';'
        for (String name : names) {
            if (from == null) {
                bindings.inherit(name, new Var(bindingsStart, name), true, defPos);
            } else {
                bindings.inherit(name, new Select(bindingsStart, from, List.of(new AttrName.Static(name)), null), false, defPos);
            }
        }
    }
}
