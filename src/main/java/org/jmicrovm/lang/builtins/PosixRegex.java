package org.jmicrovm.lang.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX extended regular expressions with the exact matching behaviour of GNU libstdc++'s
 * {@code std::regex(re, std::regex::extended)}, which Nix's {@code match} and {@code split} use.
 *
 * <p>That behaviour is neither Perl's nor POSIX leftmost-longest: libstdc++ runs a depth-first
 * search over an NFA in which both branches of every alternation are explored and the longer
 * overall match wins, while a greedy repetition stops trying fewer iterations as soon as any
 * match was found. The compiler below builds the same NFA shape (including the unrolling of
 * {@code {n,m}}) and the executor the same search, so captures agree with Nix's too.
 *
 * <p>Input and pattern are byte strings (chars 0..255); character classes are those of the
 * "C" locale, as in Nix.
 */
final class PosixRegex {

    /** Thrown for a pattern libstdc++ rejects. */
    static final class PatternError extends Exception {
        PatternError(String message) {
            super(message, null, false, false);
        }
    }

    private enum Op { ALTERNATIVE, REPEAT, SUBEXPR_BEGIN, SUBEXPR_END, LINE_BEGIN, LINE_END, MATCH, ACCEPT, DUMMY }

    private static final class State {
        final Op op;
        int next = -1;
        int alt = -1;
        int subexpr;
        boolean[] matcher;

        State(Op op) {
            this.op = op;
        }
    }

    private final List<State> states = new ArrayList<>();
    private final int start;
    private final int groups;

    private PosixRegex(Node ast, int groups) {
        this.groups = groups;
        // The whole expression is sub-expression 0, followed by the accepting state.
        int begin = add(new State(Op.SUBEXPR_BEGIN));
        Seq body = build(ast);
        int end = add(new State(Op.SUBEXPR_END));
        int accept = add(new State(Op.ACCEPT));
        states.get(begin).next = body.start;
        states.get(body.end).next = end;
        states.get(end).next = accept;
        this.start = begin;
    }

    static PosixRegex compile(String pattern) throws PatternError {
        Parser p = new Parser(pattern);
        Node ast = p.parseAll();
        return new PosixRegex(ast, p.groupCount);
    }

    /** Number of capture groups (not counting the whole match). */
    int groupCount() {
        return groups;
    }

    // ----- syntax tree ----------------------------------------------------------------

    private sealed interface Node {}

    private record Alt(Node left, Node right) implements Node {}

    private record Concat(List<Node> items) implements Node {}

    private record Group(int index, Node body) implements Node {}

    /** {@code kind} matters: libstdc++ builds *, +, ? and {n,m} differently. max -1: unbounded. */
    private record Repeat(Node body, int min, int max, char kind) implements Node {}

    private record CharSet(boolean[] accepts) implements Node {}

    private record Anchor(boolean begin) implements Node {}

    private record Empty() implements Node {}

    // ----- NFA construction, shaped like libstdc++'s -----------------------------------

    private record Seq(int start, int end) {}

    private int add(State s) {
        states.add(s);
        return states.size() - 1;
    }

    private void append(Seq seq, int state) {
        states.get(seq.end).next = state;
    }

    private Seq build(Node n) {
        // instanceof, not a pattern switch: its bootstrap would spin a class outside the start-up cache
        // at the first regex of every command (see StartupPathTest)
        if (n instanceof Empty) {
            int d = add(new State(Op.DUMMY));
            return new Seq(d, d);
        } else if (n instanceof CharSet c) {
            State s = new State(Op.MATCH);
            s.matcher = c.accepts();
            int id = add(s);
            return new Seq(id, id);
        } else if (n instanceof Anchor a) {
            int id = add(new State(a.begin() ? Op.LINE_BEGIN : Op.LINE_END));
            return new Seq(id, id);
        } else if (n instanceof Group g) {
            State b = new State(Op.SUBEXPR_BEGIN);
            b.subexpr = g.index();
            int bid = add(b);
            Seq body = build(g.body());
            State e = new State(Op.SUBEXPR_END);
            e.subexpr = g.index();
            int eid = add(e);
            states.get(bid).next = body.start;
            append(body, eid);
            return new Seq(bid, eid);
        } else if (n instanceof Concat c) {
            Seq first = build(c.items().get(0));
            int end = first.end;
            for (int i = 1; i < c.items().size(); i++) {
                Seq s = build(c.items().get(i));
                states.get(end).next = s.start;
                end = s.end;
            }
            return new Seq(first.start, end);
        } else if (n instanceof Alt a) {
            Seq left = build(a.left());
            Seq right = build(a.right());
            int end = add(new State(Op.DUMMY));
            append(left, end);
            append(right, end);
            State alt = new State(Op.ALTERNATIVE);
            alt.alt = left.start; // explored first
            alt.next = right.start;
            return new Seq(add(alt), end);
        }
        return buildRepeat((Repeat) n);
    }

    private Seq buildRepeat(Repeat r) {
        if (r.kind() == '*') {
            Seq body = build(r.body());
            State rep = new State(Op.REPEAT);
            rep.alt = body.start;
            int id = add(rep);
            append(body, id);
            return new Seq(id, id);
        }
        if (r.kind() == '+') {
            Seq body = build(r.body());
            State rep = new State(Op.REPEAT);
            rep.alt = body.start;
            int id = add(rep);
            append(body, id);
            return new Seq(body.start, id);
        }
        if (r.kind() == '?') {
            Seq body = build(r.body());
            int end = add(new State(Op.DUMMY));
            State rep = new State(Op.REPEAT);
            rep.alt = body.start;
            int id = add(rep);
            append(body, end);
            rep.next = end;
            return new Seq(id, end);
        }
        // {n}, {n,}, {n,m}: n copies, then a star or (m - n) nested optional copies.
        int first = add(new State(Op.DUMMY));
        Seq e = new Seq(first, first);
        for (int i = 0; i < r.min(); i++) {
            Seq copy = build(r.body());
            append(e, copy.start);
            e = new Seq(e.start, copy.end);
        }
        if (r.max() == -1) {
            Seq copy = build(r.body());
            State rep = new State(Op.REPEAT);
            rep.alt = copy.start;
            int id = add(rep);
            append(copy, id);
            append(e, id);
            return new Seq(e.start, id);
        }
        int end = add(new State(Op.DUMMY));
        for (int i = 0; i < r.max() - r.min(); i++) {
            Seq copy = build(r.body());
            State rep = new State(Op.REPEAT);
            rep.alt = copy.start; // "more"
            rep.next = end;       // "less"
            int id = add(rep);
            append(e, id);
            e = new Seq(e.start, copy.end);
        }
        append(e, end);
        return new Seq(e.start, end);
    }

    // ----- execution ------------------------------------------------------------------

    /** Offsets of the whole match and each group: start[i], end[i]; -1 for a group that did not match. */
    record Match(int[] starts, int[] ends) {
        int start() {
            return starts[0];
        }

        int end() {
            return ends[0];
        }
    }

    /** {@code std::regex_match}: the whole string must match. */
    Match matchAll(String s) {
        Executor x = new Executor(s, 0, false, false, true);
        return x.run(0) ? x.result() : null;
    }

    /**
     * {@code std::regex_search} from {@code from}: the leftmost position where a match starts,
     * with libstdc++'s choice of match there.
     */
    Match search(String s, int from, boolean prevAvail, boolean notNull, boolean continuous) {
        Executor x = new Executor(s, from, prevAvail, notNull, false);
        if (x.run(from)) {
            return x.result();
        }
        if (continuous) {
            return null;
        }
        x.prevAvail = true;
        for (int b = from; b < s.length(); ) {
            b++;
            if (x.run(b)) {
                return x.result();
            }
        }
        return null;
    }

    private final class Executor {
        final String s;
        final int endPos;
        final boolean notNull;
        final boolean exact;
        boolean prevAvail;
        int begin;
        int cur;
        boolean hasSol;
        int solPos;
        final int[] curStart;
        final int[] curEnd;
        final boolean[] curMatched;
        int[] resStart;
        int[] resEnd;
        boolean[] resMatched;
        final int[] repPos;
        final int[] repCount;

        Executor(String s, int from, boolean prevAvail, boolean notNull, boolean exact) {
            this.s = s;
            this.endPos = s.length();
            this.prevAvail = prevAvail;
            this.notNull = notNull;
            this.exact = exact;
            int n = groups + 1;
            curStart = new int[n];
            curEnd = new int[n];
            curMatched = new boolean[n];
            resStart = new int[n];
            resEnd = new int[n];
            resMatched = new boolean[n];
            repPos = new int[states.size()];
            repCount = new int[states.size()];
        }

        boolean run(int from) {
            begin = from;
            cur = from;
            hasSol = false;
            solPos = -1;
            System.arraycopy(resStart, 0, curStart, 0, curStart.length);
            System.arraycopy(resEnd, 0, curEnd, 0, curEnd.length);
            System.arraycopy(resMatched, 0, curMatched, 0, curMatched.length);
            dfs(start);
            return hasSol;
        }

        Match result() {
            int[] st = new int[groups + 1];
            int[] en = new int[groups + 1];
            for (int i = 0; i <= groups; i++) {
                st[i] = resMatched[i] ? resStart[i] : -1;
                en[i] = resMatched[i] ? resEnd[i] : -1;
            }
            return new Match(st, en);
        }

        private boolean atBegin() {
            return cur == begin && !prevAvail;
        }

        private void dfs(int i) {
            State st = states.get(i);
            switch (st.op) {
                case REPEAT -> {
                    repeatOnceMore(i, st);
                    if (!hasSol) {
                        dfs(st.next);
                    }
                }
                case SUBEXPR_BEGIN -> {
                    int back = curStart[st.subexpr];
                    curStart[st.subexpr] = cur;
                    dfs(st.next);
                    curStart[st.subexpr] = back;
                }
                case SUBEXPR_END -> {
                    int k = st.subexpr;
                    int backStart = curStart[k];
                    int backEnd = curEnd[k];
                    boolean backMatched = curMatched[k];
                    curEnd[k] = cur;
                    curMatched[k] = true;
                    dfs(st.next);
                    curStart[k] = backStart;
                    curEnd[k] = backEnd;
                    curMatched[k] = backMatched;
                }
                case LINE_BEGIN -> {
                    if (atBegin()) {
                        dfs(st.next);
                    }
                }
                case LINE_END -> {
                    if (cur == endPos) {
                        dfs(st.next);
                    }
                }
                case MATCH -> {
                    if (cur < endPos && st.matcher[s.charAt(cur) & 0xff]) {
                        cur++;
                        dfs(st.next);
                        cur--;
                    }
                }
                case ACCEPT -> accept();
                case ALTERNATIVE -> {
                    dfs(st.alt);
                    boolean had = hasSol;
                    hasSol = false;
                    dfs(st.next);
                    hasSol |= had;
                }
                case DUMMY -> dfs(st.next);
            }
        }

        /** Limits empty iterations: at most two passes through a loop at the same position. */
        private void repeatOnceMore(int i, State st) {
            if (repCount[i] == 0 || repPos[i] != cur) {
                int backPos = repPos[i];
                int backCount = repCount[i];
                repPos[i] = cur;
                repCount[i] = 1;
                dfs(st.alt);
                repPos[i] = backPos;
                repCount[i] = backCount;
            } else if (repCount[i] < 2) {
                repCount[i]++;
                dfs(st.alt);
                repCount[i]--;
            }
        }

        private void accept() {
            hasSol = exact ? cur == endPos : true;
            if (cur == begin && notNull) {
                hasSol = false;
            }
            if (hasSol && (solPos == -1 || solPos - begin < cur - begin)) {
                solPos = cur;
                resStart = curStart.clone();
                resEnd = curEnd.clone();
                resMatched = curMatched.clone();
            }
        }
    }

    // ----- parsing --------------------------------------------------------------------

    private static final class Parser {
        final String p;
        int i;
        int groupCount;

        Parser(String p) {
            this.p = p;
        }

        Node parseAll() throws PatternError {
            Node n = disjunction();
            if (i < p.length()) {
                throw new PatternError(p.charAt(i) == ')' ? "unmatched ')'" : "unexpected '" + p.charAt(i) + "'");
            }
            return n;
        }

        private Node disjunction() throws PatternError {
            Node left = alternative();
            while (i < p.length() && p.charAt(i) == '|') {
                i++;
                Node right = alternative();
                left = new Alt(left, right);
            }
            return left;
        }

        private Node alternative() throws PatternError {
            List<Node> items = new ArrayList<>();
            while (true) {
                Node t = term();
                if (t == null) {
                    break;
                }
                items.add(t);
            }
            if (items.isEmpty()) {
                return new Empty();
            }
            return items.size() == 1 ? items.get(0) : new Concat(items);
        }

        private Node term() throws PatternError {
            if (i >= p.length()) {
                return null;
            }
            char c = p.charAt(i);
            if (c == '^' || c == '$') {
                i++;
                return new Anchor(c == '^');
            }
            Node atom = atom();
            if (atom == null) {
                return null;
            }
            while (i < p.length()) {
                char q = p.charAt(i);
                if (q == '*') {
                    i++;
                    atom = new Repeat(atom, 0, -1, '*');
                } else if (q == '+') {
                    i++;
                    atom = new Repeat(atom, 1, -1, '+');
                } else if (q == '?') {
                    i++;
                    atom = new Repeat(atom, 0, 1, '?');
                } else if (q == '{') {
                    i++;
                    atom = interval(atom);
                } else {
                    break;
                }
            }
            return atom;
        }

        private Node interval(Node atom) throws PatternError {
            int min = number();
            if (min < 0) {
                throw new PatternError("unexpected token in brace expression");
            }
            int max = min;
            if (i < p.length() && p.charAt(i) == ',') {
                i++;
                int m = number();
                max = m < 0 ? -1 : m;
            }
            if (i >= p.length() || p.charAt(i) != '}') {
                throw new PatternError("unexpected end of brace expression");
            }
            i++;
            if (max != -1 && max < min) {
                throw new PatternError("invalid range in brace expression");
            }
            return new Repeat(atom, min, max, '{');
        }

        private int number() {
            int start = i;
            long v = 0;
            while (i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '9') {
                v = Math.min(v * 10 + (p.charAt(i) - '0'), Integer.MAX_VALUE);
                i++;
            }
            return i == start ? -1 : (int) v;
        }

        private Node atom() throws PatternError {
            char c = p.charAt(i);
            switch (c) {
                case '(' -> {
                    i++;
                    int index = ++groupCount;
                    Node body = disjunction();
                    if (i >= p.length() || p.charAt(i) != ')') {
                        throw new PatternError("mismatched '(' and ')'");
                    }
                    i++;
                    return new Group(index, body);
                }
                case ')', '|' -> {
                    return null;
                }
                case '*', '+', '?', '{' -> throw new PatternError("nothing to repeat before '" + c + "'");
                case '.' -> {
                    i++;
                    boolean[] any = new boolean[256];
                    java.util.Arrays.fill(any, true);
                    any[0] = false;
                    return new CharSet(any);
                }
                case '[' -> {
                    i++;
                    return bracket();
                }
                case '\\' -> {
                    if (i + 1 >= p.length()) {
                        throw new PatternError("unexpected end of regex when escaping");
                    }
                    char escaped = p.charAt(i + 1);
                    // Nix is built in strict ANSI mode, where libstdc++ accepts only these escapes.
                    if ("^$\\.*+?()[{|".indexOf(escaped) < 0) {
                        throw new PatternError("invalid escape '\\" + escaped + "'");
                    }
                    i += 2;
                    return single(escaped);
                }
                default -> {
                    i++;
                    return single(c);
                }
            }
        }

        private static Node single(char c) {
            boolean[] set = new boolean[256];
            set[c & 0xff] = true;
            return new CharSet(set);
        }

        /** The tokens of a bracket expression, as libstdc++'s scanner sees them. */
        private enum BracketToken { END, DASH, CHAR, CLASS, EQUIV, COLLATE }

        private BracketToken token;
        private String tokenText;

        private void scanBracket(boolean atStart) throws PatternError {
            if (i >= p.length()) {
                throw new PatternError("unexpected end of bracket expression");
            }
            char c = p.charAt(i++);
            if (c == '-') {
                token = BracketToken.DASH;
            } else if (c == '[' && i < p.length() && (p.charAt(i) == ':' || p.charAt(i) == '=' || p.charAt(i) == '.')) {
                char kind = p.charAt(i);
                int close = p.indexOf(kind + "]", i + 1);
                if (close < 0) {
                    throw new PatternError("unexpected end of character class");
                }
                tokenText = p.substring(i + 1, close);
                i = close + 2;
                token = kind == ':' ? BracketToken.CLASS : kind == '=' ? BracketToken.EQUIV : BracketToken.COLLATE;
            } else if (c == ']' && !atStart) {
                token = BracketToken.END;
            } else {
                token = BracketToken.CHAR;
                tokenText = String.valueOf(c);
            }
        }

        /** A bracket expression after its '['. */
        private Node bracket() throws PatternError {
            boolean negated = false;
            if (i < p.length() && p.charAt(i) == '^') {
                negated = true;
                i++;
            }
            boolean[] set = new boolean[256];
            // The pending single character that may still start a range (-1: none), and whether
            // the previous item was a class (which cannot start a range).
            int last = -1;
            boolean lastIsClass = false;
            scanBracket(true);
            if (token == BracketToken.CHAR) {
                last = tokenText.charAt(0) & 0xff;
                scanBracket(false);
            } else if (token == BracketToken.DASH) {
                last = '-';
                scanBracket(false);
            }
            while (token != BracketToken.END) {
                switch (token) {
                    case CHAR, COLLATE -> {
                        if (token == BracketToken.COLLATE && tokenText.length() != 1) {
                            throw new PatternError("invalid collating element '" + tokenText + "'");
                        }
                        if (last >= 0) {
                            set[last] = true;
                        }
                        last = tokenText.charAt(0) & 0xff;
                        lastIsClass = false;
                    }
                    case CLASS, EQUIV -> {
                        if (last >= 0) {
                            set[last] = true;
                        }
                        last = -1;
                        lastIsClass = true;
                        if (token == BracketToken.CLASS) {
                            addClass(set, tokenText);
                        } else if (tokenText.length() == 1) {
                            set[tokenText.charAt(0) & 0xff] = true;
                        } else {
                            throw new PatternError("invalid equivalence class '" + tokenText + "'");
                        }
                    }
                    case DASH -> {
                        scanBracket(false);
                        if (token == BracketToken.END) {
                            if (last >= 0) {
                                set[last] = true;
                            }
                            set['-'] = true;
                            last = -1;
                            continue;
                        }
                        if (lastIsClass) {
                            throw new PatternError("invalid start of range in bracket expression");
                        }
                        if (last < 0) {
                            throw new PatternError("invalid dash in bracket expression");
                        }
                        if (token == BracketToken.CHAR) {
                            addRange(set, last, tokenText.charAt(0) & 0xff);
                        } else if (token == BracketToken.DASH) {
                            addRange(set, last, '-');
                        } else {
                            throw new PatternError("invalid end of range in bracket expression");
                        }
                        last = -1;
                    }
                    default -> throw new IllegalStateException();
                }
                scanBracket(false);
            }
            if (last >= 0) {
                set[last] = true;
            }
            if (negated) {
                for (int k = 0; k < 256; k++) {
                    set[k] = !set[k];
                }
            }
            return new CharSet(set);
        }

        /** Ranges compare chars as signed bytes, as libstdc++ does for {@code char}. */
        private static void addRange(boolean[] set, int lo, int hi) throws PatternError {
            if ((byte) lo > (byte) hi) {
                throw new PatternError("invalid range in bracket expression");
            }
            for (int k = 0; k < 256; k++) {
                if ((byte) k >= (byte) lo && (byte) k <= (byte) hi) {
                    set[k] = true;
                }
            }
        }

        private static void addClass(boolean[] set, String name) throws PatternError {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            for (int c = 0; c < 128; c++) {
                boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
                boolean digit = c >= '0' && c <= '9';
                boolean space = c == ' ' || c >= '\t' && c <= '\r';
                boolean print = c >= 32 && c < 127;
                boolean in = switch (n) {
                    case "alpha" -> alpha;
                    case "digit", "d" -> digit;
                    case "alnum" -> alpha || digit;
                    case "w" -> alpha || digit || c == '_';
                    case "upper" -> c >= 'A' && c <= 'Z';
                    case "lower" -> c >= 'a' && c <= 'z';
                    case "space", "s" -> space;
                    case "blank" -> c == ' ' || c == '\t';
                    case "cntrl" -> c < 32 || c == 127;
                    case "print" -> print;
                    case "graph" -> print && c != ' ';
                    case "punct" -> print && c != ' ' && !alpha && !digit;
                    case "xdigit" -> digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
                    default -> throw new PatternError("invalid character class '" + name + "'");
                };
                if (in) {
                    set[c] = true;
                }
            }
        }
    }
}
