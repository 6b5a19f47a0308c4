package org.jmicrovm.lang.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Comparison;
import org.jmicrovm.lang.eval.Equality;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/** List builtins. */
final class ListBuiltins {

    private ListBuiltins() {}

    static void register(Registry r) {
        r.primop("length", 1, (ev, a, pos) -> NixInt.of(Force.list(a[0], pos).size()));
        r.primop("head", 1, (ev, a, pos) -> elemAt(Force.list(a[0], pos), 0, pos));
        r.primop("tail", 1, (ev, a, pos) -> {
            NixList l = Force.list(a[0], pos);
            if (l.size() == 0) {
                throw new EvalError("'tail' called on an empty list", pos);
            }
            Lazy[] out = new Lazy[l.size() - 1];
            System.arraycopy(l.array(), 1, out, 0, out.length);
            return new NixList(out);
        });
        r.primop("elemAt", 2, (ev, a, pos) -> elemAt(Force.list(a[0], pos), Force.integer(a[1], pos), pos));
        r.primop("elem", 2, (ev, a, pos) -> {
            for (Lazy e : Force.list(a[1], pos).array()) {
                if (Equality.equal(a[0], e)) {
                    return NixBool.TRUE;
                }
            }
            return NixBool.FALSE;
        });
        r.globalPrimop("map", 2, (ev, a, pos) -> {
            NixList l = Force.list(a[1], pos);
            Lazy[] out = new Lazy[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new Thunk.OfApply(ev, a[0], l.get(i), Pos.NONE);
            }
            return new NixList(out);
        });
        r.primop("filter", 2, (ev, a, pos) -> {
            Value f = Force.callable(a[0], pos);
            NixList l = Force.list(a[1], pos);
            List<Lazy> out = new ArrayList<>();
            boolean all = true;
            for (Lazy e : l.array()) {
                if (Force.bool(ev.apply(f, e, Pos.NONE), pos)) {
                    out.add(e);
                } else {
                    all = false;
                }
            }
            return all ? l : NixList.of(out);
        });
        r.primop("any", 2, (ev, a, pos) -> {
            Value f = Force.callable(a[0], pos);
            for (Lazy e : Force.list(a[1], pos).array()) {
                if (Force.bool(ev.apply(f, e, pos), pos)) {
                    return NixBool.TRUE;
                }
            }
            return NixBool.FALSE;
        });
        r.primop("all", 2, (ev, a, pos) -> {
            Value f = Force.callable(a[0], pos);
            for (Lazy e : Force.list(a[1], pos).array()) {
                if (!Force.bool(ev.apply(f, e, pos), pos)) {
                    return NixBool.FALSE;
                }
            }
            return NixBool.TRUE;
        });
        r.primop("concatLists", 1, (ev, a, pos) -> {
            NixList outer = Force.list(a[0], pos);
            NixList[] lists = new NixList[outer.size()];
            for (int i = 0; i < lists.length; i++) {
                lists[i] = Force.list(outer.get(i), pos);
            }
            return concat(lists);
        });
        r.primop("concatMap", 2, (ev, a, pos) -> {
            Value f = Force.callable(a[0], pos);
            NixList l = Force.list(a[1], pos);
            NixList[] lists = new NixList[l.size()];
            for (int i = 0; i < lists.length; i++) {
                lists[i] = Force.list(ev.apply(f, l.get(i), pos), pos);
            }
            return concat(lists);
        });
        r.primop("foldl'", 3, (ev, a, pos) -> {
            NixList l = Force.list(a[2], pos);
            if (l.size() == 0) {
                return a[1].force();
            }
            Value f = a[0].force();
            Lazy acc = a[1];
            for (Lazy e : l.array()) {
                acc = ev.applyAll(f, new Lazy[] {acc, e}, pos);
            }
            return acc.force();
        });
        r.primop("genList", 2, (ev, a, pos) -> {
            long n = Force.integer(a[1], pos);
            if (n < 0) {
                throw new EvalError("cannot create list of size " + n, pos);
            }
            Lazy[] out = new Lazy[Math.toIntExact(n)];
            for (int i = 0; i < out.length; i++) {
                out[i] = new Thunk.OfApply(ev, a[0], NixInt.of(i), Pos.NONE);
            }
            return new NixList(out);
        });
        r.primop("sort", 2, (ev, a, pos) -> {
            Value cmp = Force.callable(a[0], pos);
            NixList l = Force.list(a[1], pos);
            if (l.size() == 0) {
                return l;
            }
            Lazy[] out = l.array().clone();
            for (Lazy e : out) {
                e.force();
            }
            boolean builtinLess = cmp instanceof NixPrimOp p && p.name().equals("lessThan");
            StableSort.sort(out, (x, y) -> builtinLess
                    ? Comparison.lessThan(x.force(), y.force(), pos)
                    : Force.bool(ev.applyAll(cmp, new Lazy[] {x, y}, pos), pos));
            return new NixList(out);
        });
        r.primop("partition", 2, (ev, a, pos) -> {
            Value f = Force.callable(a[0], pos);
            NixList l = Force.list(a[1], pos);
            List<Lazy> right = new ArrayList<>();
            List<Lazy> wrong = new ArrayList<>();
            for (Lazy e : l.array()) {
                e.force();
                (Force.bool(ev.apply(f, e, pos), pos) ? right : wrong).add(e);
            }
            return NixAttrs.builder(2).put("right", NixList.of(right)).put("wrong", NixList.of(wrong)).build();
        });
        r.primop("genericClosure", 1, ListBuiltins::genericClosure);
    }

    static Value elemAt(NixList l, long n, Pos pos) {
        if (n < 0 || n >= l.size()) {
            throw new EvalError("list index " + n + " is out of bounds", pos);
        }
        return l.get((int) n).force();
    }

    static NixList concat(NixList[] lists) {
        int len = 0;
        NixList nonEmpty = null;
        for (NixList l : lists) {
            len += l.size();
            if (l.size() > 0) {
                nonEmpty = l;
            }
        }
        if (nonEmpty == null) {
            return NixList.EMPTY;
        }
        if (nonEmpty.size() == len) {
            return nonEmpty;
        }
        Lazy[] out = new Lazy[len];
        int k = 0;
        for (NixList l : lists) {
            System.arraycopy(l.array(), 0, out, k, l.size());
            k += l.size();
        }
        return new NixList(out);
    }

    private static Value genericClosure(Evaluator ev, Lazy[] a, Pos pos) {
        NixAttrs args = Force.attrs(a[0], pos);
        NixList startSet = Force.list(Args.requireAttr(args, "startSet", "genericClosure", pos), pos);
        Value operator = Args.requireAttr(args, "operator", "genericClosure", pos).force();
        Deque<Lazy> work = new ArrayDeque<>(startSet.asList());
        TreeSet<Value> done = new TreeSet<>((x, y) ->
                Comparison.lessThan(x, y, pos) ? -1 : Comparison.lessThan(y, x, pos) ? 1 : 0);
        List<Lazy> result = new ArrayList<>();
        while (!work.isEmpty()) {
            Lazy e = work.removeFirst();
            NixAttrs element = Force.attrs(e, pos);
            Lazy key = element.get("key");
            if (key == null) {
                throw new EvalError("attribute 'key' required", pos);
            }
            if (!done.add(key.force())) {
                continue;
            }
            result.add(e);
            NixList next = Force.list(ev.apply(operator, e, pos), pos);
            for (Lazy n : next.array()) {
                n.force();
                work.addLast(n);
            }
        }
        return NixList.of(result);
    }
}
