package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.LambdaCode;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFunction;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixLambda;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.ThrownError;
import org.jmicrovm.lang.eval.Value;

/**
 * Small conveniences for building and reading Nix values from Java. Attribute names and string
 * contents are the evaluator's byte strings; Java text only appears in messages.
 */
public final class NixValues {

    private NixValues() {}

    public static NixString str(String text) {
        return text.isEmpty() ? NixString.EMPTY : NixString.ofText(text);
    }

    private static final java.util.Map<String, NixString> FILE_STRINGS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A file name as a Nix string. The same few module files are named by every definition and
     * declaration, so their strings are made once.
     */
    public static NixString fileString(String file) {
        return interned(file);
    }

    /** A Nix string made once for text the module system uses over and over (file and type names). */
    public static NixString interned(String text) {
        NixString s = FILE_STRINGS.get(text);
        if (s == null) {
            s = str(text);
            if (FILE_STRINGS.size() < 10_000) {
                FILE_STRINGS.put(text, s);
            }
        }
        return s;
    }

    /**
     * A set whose names are already sorted byte-wise and distinct (a constant of the caller): no
     * sorting, no checks. {@code values} is handed over.
     */
    public static NixAttrs sortedAttrs(String[] sortedNames, Lazy... values) {
        return new NixAttrs(sortedNames, values, null);
    }

    /** A string known to be ASCII (a constant of the module system): no UTF-8 conversion. */
    public static NixString ascii(String text) {
        return new NixString(text);
    }

    public static NixBool bool(boolean b) {
        return NixBool.of(b);
    }

    public static NixInt integer(long v) {
        return NixInt.of(v);
    }

    public static Lazy lazy(Supplier<Value> supplier) {
        return new Thunk.Of(Pos.NONE, supplier);
    }

    public static NixList list(List<? extends Lazy> elements) {
        return NixList.of(elements);
    }

    public static NixList list(Lazy... elements) {
        return elements.length == 0 ? NixList.EMPTY : new NixList(elements.clone());
    }

    public static NixList strings(List<String> texts) {
        Lazy[] out = new Lazy[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = str(texts.get(i));
        }
        return out.length == 0 ? NixList.EMPTY : new NixList(out);
    }

    /**
     * An attribute set from alternating names and values. The names are Java constants of the
     * module system, ASCII, so they are their own byte strings; they are sorted here (small sets:
     * insertion sort, no hashing), and a repeated name keeps its last value.
     */
    public static NixAttrs attrs(Object... namesAndValues) {
        int n = namesAndValues.length / 2;
        String[] names = new String[n];
        Lazy[] values = new Lazy[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            String name = (String) namesAndValues[2 * i];
            Lazy value = (Lazy) namesAndValues[2 * i + 1];
            int j = size - 1;
            while (j >= 0 && NixAttrs.compareNames(names[j], name) > 0) {
                j--;
            }
            if (j >= 0 && names[j].equals(name)) {
                values[j] = value;
                continue;
            }
            System.arraycopy(names, j + 1, names, j + 2, size - j - 1);
            System.arraycopy(values, j + 1, values, j + 2, size - j - 1);
            names[j + 1] = name;
            values[j + 1] = value;
            size++;
        }
        if (size < n) {
            names = java.util.Arrays.copyOf(names, size);
            values = java.util.Arrays.copyOf(values, size);
        }
        return new NixAttrs(names, values, null);
    }

    public static NixPrimOp fn(String name, int arity, NixPrimOp.Impl impl) {
        return new NixPrimOp(name, arity, impl);
    }

    /**
     * The value of an attribute, or null when absent (the set is forced). Names given to these
     * helpers are the module system's ASCII constants, which are their own byte strings.
     */
    public static Lazy get(Value set, String name) {
        return set instanceof NixAttrs a ? a.get(name) : null;
    }

    public static boolean has(Value set, String name) {
        return set instanceof NixAttrs a && a.has(name);
    }

    public static Lazy get(Lazy set, String name) {
        return get(set.force(), name);
    }

    public static Value select(Lazy set, String name, Pos pos) {
        return select(set.force(), name, pos);
    }

    /** {@code set.name}, failing as Nix does when it is missing. */
    public static Value select(Value set, String name, Pos pos) {
        NixAttrs a = Force.attrs(set, pos);
        Lazy v = a.get(name);
        if (v == null) {
            throw new EvalError("attribute '" + name + "' missing", pos);
        }
        return v.force();
    }

    /** {@code set._type or ""} without forcing anything but the set. */
    public static String typeTag(Value v) {
        if (v instanceof NixAttrs a) {
            Lazy t = a.get("_type");
            if (t != null && t.force() instanceof NixString s) {
                return s.bytes();
            }
            if (t != null) {
                return "\0"; // a non-string tag never equals a known one
            }
        }
        return "";
    }

    public static String text(Value v, Pos pos) {
        return ByteStrings.toText(Force.string(v, pos));
    }

    /** Java text of a string, path or string-like set, as {@code toString} gives it (no store copy). */
    public static String toStringText(Evaluator ev, Value v) {
        return ByteStrings.toText(ev.coerceToString(v, Pos.NONE, false, true));
    }

    public static List<Lazy> elements(Value v, Pos pos) {
        return Force.list(v, pos).asList();
    }

    /** lib.isFunction: a function, or a set whose {@code __functor} yields a function. */
    public static boolean isFunction(Evaluator ev, Value v) {
        if (v instanceof NixFunction) {
            return true;
        }
        if (v instanceof NixAttrs a) {
            Lazy functor = a.get("__functor");
            if (functor != null) {
                return isFunction(ev, ev.apply(functor.force(), a, Pos.NONE));
            }
        }
        return false;
    }

    /** lib.functionArgs: formals of a lambda, {@code __functionArgs} of a functor set, else empty. */
    public static NixAttrs functionArgs(Evaluator ev, Value v) {
        if (v instanceof NixAttrs a) {
            Lazy functor = a.get("__functor");
            if (functor != null) {
                Lazy declared = a.get("__functionArgs");
                if (declared != null) {
                    return Force.attrs(declared, Pos.NONE);
                }
                return functionArgs(ev, ev.apply(functor.force(), a, Pos.NONE));
            }
            return NixAttrs.EMPTY;
        }
        if (v instanceof NixLambda l) {
            NixAttrs.Builder b = NixAttrs.builder();
            for (LambdaCode.Formal f : l.code().formals()) {
                b.put(f.name(), NixBool.of(f.hasDefault()), f.pos());
            }
            return b.build();
        }
        return NixAttrs.EMPTY;
    }

    /** Whether {@code v} is a string, a path, or a set coercible to a string (lib.isStringLike). */
    public static boolean isStringLike(Value v) {
        return v instanceof NixString || v instanceof NixPath
                || v instanceof NixAttrs a && (a.has("outPath") || a.has("__toString"));
    }

    public static boolean isNull(Value v) {
        return v instanceof NixNull;
    }

    /** A Nix error that {@code builtins.tryEval} catches, as lib's {@code throw}s are. */
    public static ThrownError thrown(String message) {
        return new ThrownError(message, Pos.NONE);
    }

    public static List<String> stringList(Value v, Pos pos) {
        List<String> out = new ArrayList<>();
        for (Lazy e : elements(v, pos)) {
            out.add(Force.string(e, pos));
        }
        return out;
    }
}
