package org.jmicrovm.lang.builtins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;

/** {@code match} and {@code split} with POSIX extended regular expressions (see {@link PosixRegex}). */
final class RegexBuiltins {

    private static final int CACHE_SIZE = 512;

    /** Compiled patterns; they are immutable, so evaluators may share them. */
    private static final Map<String, PosixRegex> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PosixRegex> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private RegexBuiltins() {}

    static void register(Registry r) {
        r.primop("match", 2, (ev, a, pos) -> {
            PosixRegex re = compile(Force.string(a[0], pos), pos);
            String s = Force.string(a[1], pos);
            PosixRegex.Match m = re.matchAll(s);
            if (m == null) {
                return NixNull.NULL;
            }
            return groups(s, m, re.groupCount());
        });
        r.primop("split", 2, (ev, a, pos) -> {
            PosixRegex re = compile(Force.string(a[0], pos), pos);
            String s = Force.string(a[1], pos);
            return new NixList(split(re, s).toArray(new Lazy[0]));
        });
    }

    static PosixRegex compile(String pattern, Pos pos) {
        synchronized (CACHE) {
            PosixRegex re = CACHE.get(pattern);
            if (re != null) {
                return re;
            }
        }
        PosixRegex re;
        try {
            re = PosixRegex.compile(pattern);
        } catch (PosixRegex.PatternError e) {
            throw new EvalError("invalid regular expression '" + ByteStrings.toText(pattern) + "'", pos);
        }
        synchronized (CACHE) {
            CACHE.put(pattern, re);
        }
        return re;
    }

    private static NixList groups(String s, PosixRegex.Match m, int count) {
        Lazy[] out = new Lazy[count];
        for (int g = 1; g <= count; g++) {
            int st = m.starts()[g];
            out[g - 1] = st < 0 ? NixNull.NULL : Args.str(s.substring(st, m.ends()[g]));
        }
        return new NixList(out);
    }

    /**
     * The matches as {@code std::sregex_iterator} finds them: after an empty match, first a
     * non-empty match at the same place, else the search continues one byte further.
     */
    static List<Lazy> split(PosixRegex re, String s) {
        List<Lazy> out = new ArrayList<>();
        int prefixStart = 0;
        boolean prevAvail = false;
        PosixRegex.Match m = re.search(s, 0, false, false, false);
        while (m != null) {
            out.add(Args.str(s.substring(prefixStart, m.start())));
            out.add(groups(s, m, re.groupCount()));
            prefixStart = m.end();
            int from = m.end();
            PosixRegex.Match next = null;
            if (m.start() == m.end()) {
                if (from == s.length()) {
                    break;
                }
                next = re.search(s, from, prevAvail, true, true);
                if (next == null) {
                    from++;
                }
            }
            prevAvail = true;
            if (next == null) {
                next = re.search(s, from, true, false, false);
            }
            m = next;
        }
        out.add(Args.str(s.substring(prefixStart)));
        return out;
    }
}
