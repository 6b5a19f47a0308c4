package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.Equality;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.JsonWriter;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/**
 * The option types of {@code lib.types}, with the names, descriptions, checks, merge rules and
 * type-merging ({@code functor}) of nixpkgs. Every type is an ordinary Nix set whose functions are
 * Java primops, so Nix code can inspect, extend ({@code //}) and combine them like nixpkgs' types.
 */
public final class Types {

    static final String STORE_DIR = "/nix/store";

    // values shared by every type of a kind (sets are immutable)
    private static final NixAttrs EMPTY_ATTRS_VALUE = NixValues.attrs("value", NixAttrs.EMPTY);
    private static final NixAttrs EMPTY_LIST_VALUE = NixValues.attrs("value", NixList.EMPTY);
    private static final NixAttrs NULL_VALUE = NixValues.attrs("value", NixNull.NULL);
    private static final NixPrimOp LIST_CHECK = check("listOf", v -> v instanceof NixList);
    private static final NixPrimOp ATTRS_CHECK = check("attrsOf", v -> v instanceof NixAttrs);

    private final ModuleEngine engine;
    private final Evaluator ev;
    private final Map<String, Lazy> cache = new HashMap<>();
    private final NixPrimOp alwaysTrue = NixValues.fn("check", 1, (e, a, p) -> NixBool.TRUE);
    private final NixPrimOp constNull = NixValues.fn("substSubModules", 1, (e, a, p) -> NixNull.NULL);
    private final NixPrimOp noSubOptions = NixValues.fn("getSubOptions", 1, (e, a, p) -> NixAttrs.EMPTY);
    private final NixPrimOp mergeDefault = mergeFn("mergeDefaultOption", this::mergeDefaultOption);
    private final NixPrimOp mergeEqual = mergeFn("mergeEqualOption", this::mergeEqualOption);
    private final NixPrimOp mergeOne = mergeFn("mergeOneOption", (loc, defs) -> mergeUnique("", null, loc, defs));
    private final Memo<NixAttrs> typesSet = new Memo<>(this::buildTypesSet);

    Types(ModuleEngine engine) {
        this.engine = engine;
        this.ev = engine.evaluator();
    }

    // ----- pieces shared by many types -------------------------------------------------

    Lazy alwaysTrue() {
        return alwaysTrue;
    }

    Lazy constNull() {
        return constNull;
    }

    Lazy noSubOptions() {
        return noSubOptions;
    }

    Lazy mergeDefaultOptionFn() {
        return mergeDefault;
    }

    NixPrimOp mergeEqualOptionFn() {
        return mergeEqual;
    }

    NixPrimOp mergeOneOptionFn() {
        return mergeOne;
    }

    /** {@code builtins.match pattern s != null}, with Nix's own regular expressions. */
    private boolean matches(String patternBytes, NixString s) {
        Value match = NixValues.select(ev.lookupGlobal("builtins").force(), "match", Pos.NONE);
        return !(ev.applyAll(match, new Lazy[] {new NixString(patternBytes), s}, Pos.NONE) instanceof NixNull);
    }

    private static NixPrimOp check(String name, Predicate<Value> test) {
        return NixValues.fn(name, 1, (e, a, p) -> NixBool.of(test.test(a[0].force())));
    }

    private Lazy cached(String key, java.util.function.Supplier<Value> make) {
        Lazy v = cache.get(key);
        if (v == null) {
            v = make.get();
            cache.put(key, v);
        }
        return v;
    }

    /** {@code defaultFunctor name}: {@code { name; type = types.${name} or null; wrapped = null; payload = null; binOp = … null; }}. */
    Lazy defaultFunctor(String name) {
        return NixValues.attrs(
                "name", NixValues.str(name),
                "type", NixValues.lazy(() -> {
                    Lazy t = typesSet.get().get(ByteStrings.fromText(name));
                    return t == null ? NixNull.NULL : t.force();
                }),
                "wrapped", NixNull.NULL,
                "payload", NixNull.NULL,
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> NixNull.NULL));
    }

    /**
     * The functor of types built on one element type ({@code elemTypeFunctor}), with {@code type}
     * rebuilding the type from a merged payload.
     */
    private NixAttrs elemTypeFunctor(String name, NixAttrs payload, Lazy elemType, NixPrimOp type) {
        return NixValues.sortedAttrs(ELEM_FUNCTOR_NAMES,
                ELEM_TYPE_BIN_OP,
                NixValues.interned(name),
                payload,
                type,
                elemType,
                NixValues.fn("wrappedDeprecationMessage", 1, (e, a, p) -> elemType.force()));
    }

    private static final String[] ELEM_FUNCTOR_NAMES = {"binOp", "name", "payload", "type", "wrapped",
            "wrappedDeprecationMessage"};

    /** The {@code binOp} of every element-type functor: merges the element types, or null. */
    private static final NixPrimOp ELEM_TYPE_BIN_OP = NixValues.fn("binOp", 2, (e, a, p) -> {
        Value lhs = NixValues.select(a[0].force(), "elemType", p);
        Value rhs = NixValues.select(a[1].force(), "elemType", p);
        Value merged = e.apply(NixValues.select(lhs, "typeMerge", p), NixValues.select(rhs, "functor", p), p);
        return merged instanceof NixNull ? NixNull.NULL : NixValues.attrs("elemType", merged);
    });

    /** {@code defaultTypeMerge functor}: how a declaration's type absorbs another declaration's type. */
    Lazy defaultTypeMerge(Lazy functor) {
        return NixValues.fn("typeMerge", 1, (e, a, p) -> typeMerge(functor, a[0]));
    }

    private Value typeMerge(Lazy functorLazy, Lazy otherLazy) {
        NixAttrs f = Force.attrs(functorLazy, Pos.NONE);
        NixAttrs g = Force.attrs(otherLazy, Pos.NONE);
        if (!Equality.equal(f.get("name"), g.get("name"))) {
            return NixNull.NULL;
        }
        Lazy payload = f.get("payload");
        Lazy wrapped = f.get("wrapped");
        boolean hasPayload = payload != null && !(payload.force() instanceof NixNull);
        boolean hasWrapped = wrapped != null && !(wrapped.force() instanceof NixNull);
        Value type = NixValues.select(f, "type", Pos.NONE);
        if (hasPayload) {
            if (!f.has("wrappedDeprecationMessage") && hasWrapped) {
                throw NixValues.thrown("Type " + NixValues.text(NixValues.select(f, "name", Pos.NONE), Pos.NONE)
                        + " defines both `functor.payload` and `functor.wrapped` at the same time, which is not supported.\n\n"
                        + "Use either `functor.payload` or `functor.wrapped` but not both.\n\n"
                        + "If your code worked before remove either `functor.wrapped` or `functor.payload` from the type definition.");
            }
            Value merged = ev.applyAll(NixValues.select(f, "binOp", Pos.NONE),
                    new Lazy[] {payload, NixValues.select(g, "payload", Pos.NONE)}, Pos.NONE);
            return merged instanceof NixNull ? NixNull.NULL : ev.apply(type, merged, Pos.NONE);
        }
        if (hasWrapped) {
            Value otherWrapped = NixValues.select(g, "wrapped", Pos.NONE);
            Value merged = ev.apply(NixValues.select(wrapped.force(), "typeMerge", Pos.NONE),
                    NixValues.select(otherWrapped, "functor", Pos.NONE), Pos.NONE);
            return merged instanceof NixNull ? NixNull.NULL : ev.apply(type, merged, Pos.NONE);
        }
        return type;
    }

    /** {@code optionDescriptionPhrase}: the description, in parentheses unless its class reads well inline. */
    private static String phrase(Predicate<String> unparenthesized, Lazy typeLazy) {
        NixAttrs t = Force.attrs(typeLazy, Pos.NONE);
        Lazy cls = t.get("descriptionClass");
        String c = cls == null || cls.force() instanceof NixNull ? null : NixValues.text(cls.force(), Pos.NONE);
        String d = TypeOps.description(t);
        return unparenthesized.test(c) ? d : "(" + d + ")";
    }

    private static Predicate<String> classIn(String... classes) {
        List<String> cs = List.of(classes);
        return c -> c != null && cs.contains(c);
    }

    /** {@code type.name} without forcing {@code type} before the field is needed. */
    private static Lazy field(Lazy type, String name, Lazy fallback) {
        return NixValues.lazy(() -> {
            Lazy v = Force.attrs(type, Pos.NONE).get(ByteStrings.fromText(name));
            if (v == null) {
                if (fallback == null) {
                    throw new EvalError("attribute '" + name + "' missing", Pos.NONE);
                }
                return fallback.force();
            }
            return v.force();
        });
    }

    private static NixAttrs attrs(Lazy v) {
        return Force.attrs(v, Pos.NONE);
    }

    // ----- merge functions ----------------------------------------------------------

    Value mergeEqualOption(List<String> loc, List<Def> defs) {
        if (defs.isEmpty()) {
            throw new EvalError("evaluation aborted with the following error message: 'This case should never happen.'", Pos.NONE);
        }
        Def first = defs.get(0);
        for (int i = 1; i < defs.size(); i++) {
            Def def = defs.get(i);
            if (!Equality.equal(def.value(), first.value())) {
                throw NixValues.thrown("The option `" + Messages.showOption(loc) + "' has conflicting definition values:"
                        + Messages.showDefs(ev, List.of(first, def)) + "\n" + Messages.PRIORITY_SUGGESTION);
            }
        }
        return first.value().force();
    }

    /** {@code mergeUniqueOption { message; merge; }}; a null merge means "the single value". */
    Value mergeUnique(String message, Lazy merge, List<String> loc, List<Def> defs) {
        if (defs.size() == 1) {
            return merge == null ? defs.get(0).value().force()
                    : ev.applyAll(merge.force(), new Lazy[] {TypeOps.locValue(loc), TypeOps.defsValue(defs)}, Pos.NONE);
        }
        throw NixValues.thrown("The option `" + Messages.showOption(loc) + "' is defined multiple times while it's expected"
                + " to be unique.\n" + message + "\nDefinition values:" + Messages.showDefs(ev, defs) + "\n"
                + Messages.PRIORITY_SUGGESTION);
    }

    Value mergeDefaultOption(List<String> loc, List<Def> defs) {
        List<Value> values = new ArrayList<>();
        for (Def d : defs) {
            values.add(d.value().force());
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        if (values.stream().allMatch(v -> NixValues.isFunction(ev, v))) {
            return NixValues.fn("mergedFunction", 1, (e, a, p) -> {
                List<Def> results = new ArrayList<>();
                for (Value f : values) {
                    Lazy r = new Thunk.OfApply(e, f, a[0], p);
                    results.add(new Def("<unknown-file>", NixValues.lazy(() -> NixValues.select(r.force(), "value", p)), Pos.NONE));
                }
                return mergeDefaultOption(loc, results);
            });
        }
        if (values.stream().allMatch(v -> v instanceof NixList)) {
            List<Lazy> out = new ArrayList<>();
            for (Value v : values) {
                out.addAll(((NixList) v).asList());
            }
            return NixValues.list(out);
        }
        if (values.stream().allMatch(v -> v instanceof NixAttrs)) {
            NixAttrs out = NixAttrs.EMPTY;
            for (Value v : values) {
                out = out.update((NixAttrs) v);
            }
            return out;
        }
        if (values.stream().allMatch(v -> v instanceof NixBool)) {
            return NixBool.of(values.stream().anyMatch(v -> v == NixBool.TRUE));
        }
        if (values.stream().allMatch(v -> v instanceof NixString)) {
            StringBuilder b = new StringBuilder();
            for (Value v : values) {
                b.append(((NixString) v).bytes());
            }
            return new NixString(b.toString());
        }
        if (values.stream().allMatch(v -> v instanceof NixInt) && values.stream().allMatch(v -> Equality.equal(v, values.get(0)))) {
            return values.get(0);
        }
        throw NixValues.thrown("Cannot merge definitions of `" + Messages.showOption(loc) + "'. Definition values:"
                + Messages.showDefs(ev, defs));
    }

    private NixPrimOp mergeFn(String name, MergeImpl impl) {
        return NixValues.fn(name, 2, new JavaMerge(impl));
    }

    /**
     * A merge function written in Java. Called from Nix it converts its arguments; the module
     * engine calls it directly ({@link TypeOps#merge}) with the path and definitions it has.
     */
    record JavaMerge(MergeImpl impl) implements NixPrimOp.Impl {
        @Override
        public Value call(Evaluator ev, Lazy[] args, Pos pos) {
            return impl.merge(TypeOps.locOf(args[0]), TypeOps.defsOf(args[1]));
        }
    }

    @FunctionalInterface
    interface MergeImpl {
        Value merge(List<String> loc, List<Def> defs);
    }

    // ----- simple types ----------------------------------------------------------------

    private NixAttrs simple(String name, String description, String cls, Predicate<Value> test, Lazy merge) {
        TypeBuilder b = new TypeBuilder(this, name).description(description).descriptionClass(cls);
        b.check = test == null ? alwaysTrue : check(name, test);
        b.merge = merge;
        return b.build();
    }

    NixAttrs raw() {
        return (NixAttrs) cached("raw", () -> simple("raw", "raw value", "noun", null, mergeOne)).force();
    }

    NixAttrs unspecified() {
        return (NixAttrs) cached("unspecified", () -> simple("unspecified", "unspecified value", "noun", null, mergeDefault)).force();
    }

    NixAttrs bool() {
        return (NixAttrs) cached("bool", () -> simple("bool", "boolean", "noun", v -> v instanceof NixBool, mergeEqual)).force();
    }

    private NixAttrs boolByOr() {
        return simple("boolByOr", "boolean (merged using or)", "noun", v -> v instanceof NixBool,
                mergeFn("boolByOr", (loc, defs) -> {
                    for (Def d : defs) {
                        if (Force.bool(d.value(), Pos.NONE)) {
                            return NixBool.TRUE;
                        }
                    }
                    return NixBool.FALSE;
                }));
    }

    NixAttrs integer() {
        return (NixAttrs) cached("int", () -> simple("int", "signed integer", "noun", v -> v instanceof NixInt, mergeEqual)).force();
    }

    private NixAttrs floatType() {
        return (NixAttrs) cached("float", () -> simple("float", "floating point number", "noun", v -> v instanceof NixFloat,
                mergeEqual)).force();
    }

    NixAttrs str() {
        return (NixAttrs) cached("str", () -> simple("str", "string", "noun", v -> v instanceof NixString, mergeEqual)).force();
    }

    private NixAttrs nonEmptyStr() {
        return simple("nonEmptyStr", "non-empty string", "noun",
                v -> v instanceof NixString s && !s.bytes().matches("[ \t\n]*"), mergeEqual);
    }

    private NixAttrs singleLineStr() {
        NixAttrs matching = strMatching("[^\n\r]*\n?");
        return simple("singleLineStr", "(optionally newline-terminated) single-line string", "noun",
                v -> TypeOps.check(ev, matching, v),
                mergeFn("singleLineStr", (loc, defs) -> {
                    String s = Force.string(TypeOps.merge(ev, matching, loc, defs), Pos.NONE);
                    return new NixString(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
                }));
    }

    NixAttrs strMatching(String patternBytes) {
        TypeBuilder b = new TypeBuilder(this, ByteStrings.toText("strMatching " + Messages.escapeNixStringBytes(patternBytes)))
                .description("string matching the pattern " + ByteStrings.toText(patternBytes)).descriptionClass("noun");
        b.check = check("strMatching", v -> v instanceof NixString s && matches(patternBytes, s));
        b.merge = mergeEqual;
        b.functor = NixValues.attrs(
                "name", NixValues.ascii("strMatching"),
                "type", NixValues.fn("strMatching", 1, (e, a, p) ->
                        strMatching(Force.string(NixValues.select(a[0].force(), "pattern", p), p))),
                "wrapped", NixNull.NULL,
                "payload", NixValues.attrs("pattern", new NixString(patternBytes)),
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> Equality.equal(a[0], a[1]) ? a[0].force() : NixNull.NULL));
        return b.build();
    }

    NixAttrs separatedString(String sepBytes) {
        TypeBuilder b = new TypeBuilder(this, "separatedString")
                .description(sepBytes.isEmpty() ? "Concatenated string"
                        : "strings concatenated with " + ByteStrings.toText(JsonWriter.write(ev, new NixString(sepBytes), Pos.NONE)))
                .descriptionClass("noun");
        b.check = check("separatedString", v -> v instanceof NixString);
        b.merge = mergeFn("separatedString", (loc, defs) -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < defs.size(); i++) {
                if (i > 0) {
                    out.append(sepBytes);
                }
                out.append(Force.string(defs.get(i).value(), Pos.NONE));
            }
            return new NixString(out.toString());
        });
        b.functor = NixValues.attrs(
                "name", NixValues.ascii("separatedString"),
                "type", NixValues.fn("separatedString", 1, (e, a, p) ->
                        separatedString(Force.string(NixValues.select(a[0].force(), "sep", p), p))),
                "wrapped", NixNull.NULL,
                "payload", NixValues.attrs("sep", new NixString(sepBytes)),
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> {
                    Lazy l = NixValues.get(a[0].force(), "sep");
                    Lazy r = NixValues.get(a[1].force(), "sep");
                    return Equality.equal(l, r) ? NixValues.attrs("sep", l) : NixNull.NULL;
                }));
        return b.build();
    }

    private NixAttrs attrsType() {
        TypeBuilder b = new TypeBuilder(this, "attrs").description("attribute set");
        b.check = check("attrs", v -> v instanceof NixAttrs);
        b.merge = mergeFn("attrs", (loc, defs) -> {
            NixAttrs out = NixAttrs.EMPTY;
            for (Def d : defs) {
                out = out.update(Force.attrs(d.value(), Pos.NONE));
            }
            return out;
        });
        b.emptyValue = EMPTY_ATTRS_VALUE;
        return b.build();
    }

    static boolean isDerivation(Value v) {
        return v instanceof NixAttrs a && a.has("type") && a.get("type").force() instanceof NixString s
                && s.bytes().equals("derivation");
    }

    boolean isStorePath(Value v) {
        if (!NixValues.isStringLike(v)) {
            return false;
        }
        String s = ByteStrings.toText(ev.coerceToString(v, Pos.NONE, false, false));
        if (!s.startsWith("/")) {
            return false;
        }
        int slash = s.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : s.substring(0, slash);
        return dir.equals(STORE_DIR) || s.matches("/[0-9a-z]{52}");
    }

    private NixAttrs packageType() {
        TypeBuilder b = new TypeBuilder(this, "package").descriptionClass("noun");
        b.check = check("package", v -> isDerivation(v) || isStorePath(v));
        b.merge = mergeFn("package", (loc, defs) -> {
            Value res = mergeUnique("", null, loc, defs);
            if (res instanceof NixPath || res instanceof NixString) {
                return toDerivation(ByteStrings.toText(ev.coerceToString(res, Pos.NONE, false, false)));
            }
            return res;
        });
        return b.build();
    }

    /** {@code lib.toDerivation}: a derivation-shaped set for a store path. */
    static NixAttrs toDerivation(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        String name = base.length() > 33 ? base.substring(33) : base;
        NixAttrs[] self = new NixAttrs[1];
        self[0] = NixValues.attrs(
                "type", NixValues.ascii("derivation"),
                "name", NixValues.str(name),
                "outPath", NixValues.str(path),
                "outputs", NixValues.list(NixValues.ascii("out")),
                "out", NixValues.lazy(() -> self[0]),
                "outputName", NixValues.ascii("out"));
        return self[0];
    }

    NixAttrs pathWith(Value inStore, Value absolute) {
        StringBuilder d = new StringBuilder();
        if (absolute instanceof NixBool a) {
            d.append(a.value() ? "absolute " : "relative ");
        }
        d.append("path");
        if (inStore instanceof NixBool s) {
            d.append(s.value() ? " in the Nix store" : " not in the Nix store");
        }
        if (inStore == NixBool.TRUE && absolute == NixBool.FALSE) {
            throw NixValues.thrown("In pathWith, inStore means the path must be absolute");
        }
        TypeBuilder b = new TypeBuilder(this, "path").description(d.toString()).descriptionClass("noun");
        b.merge = mergeEqual;
        b.check = check("path", x -> {
            boolean expectedType = inStore instanceof NixNull || inStore == NixBool.TRUE
                    ? NixValues.isStringLike(x) : x instanceof NixString;
            if (!expectedType) {
                return false;
            }
            String s = ByteStrings.toText(ev.coerceToString(x, Pos.NONE, false, false));
            if (inStore instanceof NixBool want) {
                boolean isInStore = s.startsWith(STORE_DIR + "/") && s.length() > STORE_DIR.length() + 1;
                if (want.value() != isInStore) {
                    return false;
                }
            }
            return !(absolute instanceof NixBool want) || want.value() == s.startsWith("/");
        });
        NixAttrs payload = NixValues.attrs("inStore", inStore, "absolute", absolute);
        b.functor = NixValues.attrs(
                "name", NixValues.ascii("path"),
                "type", NixValues.fn("pathWith", 1, (e, a, p) -> pathWithFromArgs(Force.attrs(a[0], p))),
                "wrapped", NixNull.NULL,
                "payload", payload,
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> Equality.equal(a[0], a[1]) ? a[0].force() : NixNull.NULL));
        return b.build();
    }

    private NixAttrs pathWithFromArgs(NixAttrs args) {
        Lazy inStore = args.get("inStore");
        Lazy absolute = args.get("absolute");
        return pathWith(inStore == null ? NixNull.NULL : inStore.force(), absolute == null ? NixNull.NULL : absolute.force());
    }

    // ----- integer ranges ----------------------------------------------------------

    /** {@code addCheck t f}: {@code t // { check = x: t.check x && f x; }}. */
    NixAttrs addCheck(NixAttrs type, Lazy extra) {
        Lazy inner = type.get("check");
        NixPrimOp combined = NixValues.fn("check", 1, (e, a, p) -> {
            boolean first = Force.bool(e.apply(inner.force(), a[0], p), p);
            return NixBool.of(first && Force.bool(e.apply(extra.force(), a[0], p), p));
        });
        return type.update(NixValues.attrs("check", combined));
    }

    private NixAttrs intRange(long lo, long hi) {
        if (lo > hi) {
            throw NixValues.thrown("ints.between: lowest must be smaller than highest");
        }
        NixAttrs t = addCheck(integer(), check("between", v -> v instanceof NixInt i && i.value() >= lo && i.value() <= hi));
        return t.update(NixValues.attrs("name", NixValues.ascii("intBetween"),
                "description", NixValues.str("integer between " + lo + " and " + hi + " (both inclusive)")));
    }

    private NixAttrs intRangeNamed(long lo, long hi, String name, String docStart) {
        return intRange(lo, hi).update(NixValues.attrs("name", NixValues.str(name),
                "description", NixValues.str(docStart + "; between " + lo + " and " + hi + " (both inclusive)")));
    }

    private NixAttrs unsignedBits(int bits) {
        long range = 1L << bits;
        return intRangeNamed(0, range - 1, "unsignedInt" + bits, bits + " bit unsigned integer");
    }

    private NixAttrs signedBits(int bits) {
        long range = 1L << bits;
        return intRangeNamed(-(range / 2), range / 2 - 1, "signedInt" + bits, bits + " bit signed integer");
    }

    private NixAttrs intsSet() {
        NixAttrs unsigned = addCheck(integer(), check("unsigned", v -> v instanceof NixInt i && i.value() >= 0))
                .update(NixValues.attrs("name", NixValues.ascii("unsignedInt"),
                        "description", NixString.ofText("unsigned integer, meaning >=0"),
                        "descriptionClass", NixValues.ascii("nonRestrictiveClause")));
        NixAttrs positive = addCheck(integer(), check("positive", v -> v instanceof NixInt i && i.value() > 0))
                .update(NixValues.attrs("name", NixValues.ascii("positiveInt"),
                        "description", NixString.ofText("positive integer, meaning >0"),
                        "descriptionClass", NixValues.ascii("nonRestrictiveClause")));
        return NixValues.attrs(
                "between", NixValues.fn("between", 2, (e, a, p) -> intRange(Force.integer(a[0], p), Force.integer(a[1], p))),
                "unsigned", unsigned,
                "positive", positive,
                "u8", NixValues.lazy(() -> unsignedBits(8)),
                "u16", NixValues.lazy(this::port),
                "u32", NixValues.lazy(() -> unsignedBits(32)),
                "s8", NixValues.lazy(() -> signedBits(8)),
                "s16", NixValues.lazy(() -> signedBits(16)),
                "s32", NixValues.lazy(() -> signedBits(32)));
    }

    NixAttrs port() {
        return (NixAttrs) cached("u16", () -> unsignedBits(16)).force();
    }

    private NixAttrs number() {
        return (NixAttrs) cached("number", () -> either(integer(), floatType())).force();
    }

    private NixAttrs numbersSet() {
        return NixValues.attrs(
                "between", NixValues.fn("between", 2, (e, a, p) -> {
                    Value lo = a[0].force();
                    Value hi = a[1].force();
                    NixAttrs t = addCheck(number(), check("between", v -> (v instanceof NixInt || v instanceof NixFloat)
                            && !org.jmicrovm.lang.eval.Comparison.lessThan(v, lo, p)
                            && !org.jmicrovm.lang.eval.Comparison.lessThan(hi, v, p)));
                    return t.update(NixValues.attrs("name", NixValues.ascii("numberBetween"),
                            "description", NixValues.str("integer or floating point number between "
                                    + ByteStrings.toText(JsonWriter.write(e, lo, p)) + " and "
                                    + ByteStrings.toText(JsonWriter.write(e, hi, p)) + " (both inclusive)")));
                }),
                "nonnegative", NixValues.lazy(() -> addCheck(number(), check("nonnegative", v -> asDouble(v) >= 0))
                        .update(NixValues.attrs("name", NixValues.ascii("numberNonnegative"),
                                "description", NixString.ofText("nonnegative integer or floating point number, meaning >=0"),
                                "descriptionClass", NixValues.ascii("nonRestrictiveClause")))),
                "positive", NixValues.lazy(() -> addCheck(number(), check("positive", v -> asDouble(v) > 0))
                        .update(NixValues.attrs("name", NixValues.ascii("numberPositive"),
                                "description", NixString.ofText("positive integer or floating point number, meaning >0"),
                                "descriptionClass", NixValues.ascii("nonRestrictiveClause")))));
    }

    private static double asDouble(Value v) {
        return v instanceof NixInt i ? i.value() : v instanceof NixFloat f ? f.value() : Double.NaN;
    }

    // ----- anything --------------------------------------------------------------------

    private NixAttrs anything() {
        return (NixAttrs) cached("anything", () -> {
            TypeBuilder b = new TypeBuilder(this, "anything").description("anything").descriptionClass("noun");
            b.merge = mergeFn("anything", this::mergeAnything);
            return b.build();
        }).force();
    }

    private String anythingKind(Value v) {
        return v instanceof NixAttrs && NixValues.isStringLike(v) ? "stringCoercibleSet" : v.typeName();
    }

    private Value mergeAnything(List<String> loc, List<Def> defs) {
        String common = anythingKind(defs.get(0).value().force());
        for (Def d : defs) {
            if (!anythingKind(d.value().force()).equals(common)) {
                throw NixValues.thrown("The option `" + Messages.showOption(loc) + "' has conflicting option types in "
                        + Messages.showFiles(files(defs)));
            }
        }
        return switch (common) {
            case "set" -> mergeAttrsOf(anything(), false, loc, defs);
            case "stringCoercibleSet" -> mergeUnique("", null, loc, defs);
            case "lambda" -> NixValues.fn("anythingFunction", 1, (e, a, p) -> {
                List<Def> applied = new ArrayList<>();
                for (Def d : defs) {
                    applied.add(d.withValue(new Thunk.OfApply(e, d.value(), a[0], p)));
                }
                return mergeAnything(Level.append(loc, "<function body>"), applied);
            });
            default -> mergeEqualOption(loc, defs);
        };
    }

    static List<String> files(List<Def> defs) {
        List<String> out = new ArrayList<>();
        for (Def d : defs) {
            out.add(d.file());
        }
        return out;
    }

    // ----- composite types -----------------------------------------------------------

    NixAttrs listOf(Lazy elemType) {
        TypeBuilder b = new TypeBuilder(this, "listOf").descriptionClass("composite");
        b.description = NixValues.lazy(() -> NixValues.str("list of " + phrase(classIn("noun", "composite"), elemType)));
        b.check = LIST_CHECK;
        b.merge = mergeFn("listOf", (loc, defs) -> mergeListOf(elemType, loc, defs));
        b.emptyValue = EMPTY_LIST_VALUE;
        b.getSubOptions = NixValues.fn("getSubOptions", 1, (e, a, p) ->
                e.apply(NixValues.select(elemType, "getSubOptions", p), appendLoc(a[0], "*"), p));
        b.getSubModules = NixValues.lazy(() -> TypeOps.getSubModules(elemType));
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                listOf(attrs(e.apply(NixValues.select(elemType, "substSubModules", p), a[0], p))));
        b.functor = NixValues.lazy(() -> elemTypeFunctor("listOf", NixValues.attrs("elemType", elemType), elemType,
                NixValues.fn("listOf", 1, (e, a, p) -> listOf(attrs(NixValues.get(a[0].force(), "elemType"))))));
        b.nestedTypes = NixValues.attrs("elemType", elemType);
        return b.build();
    }

    private Value mergeListOf(Lazy elemType, List<String> loc, List<Def> defs) {
        List<Lazy> out = new ArrayList<>();
        int n = 0;
        for (Def def : defs) {
            n++;
            NixList values = Force.list(def.value(), Pos.NONE);
            for (int m = 0; m < values.size(); m++) {
                List<String> elemLoc = Level.append(loc, "[definition " + n + "-entry " + (m + 1) + "]");
                Merged merged = new Merged(ev, elemLoc, attrs(elemType), List.of(new Def(def.file(), values.get(m), def.pos(),
                        def.attrs(), Def.NO_ORDER)));
                if (merged.isDefined()) {
                    out.add(merged.value());
                }
            }
        }
        return NixValues.list(out);
    }

    private NixList appendLoc(Lazy loc, String part) {
        List<Lazy> parts = new ArrayList<>(Force.list(loc, Pos.NONE).asList());
        parts.add(NixValues.str(part));
        return NixValues.list(parts);
    }

    private NixAttrs nonEmptyListOf(Lazy elemType) {
        NixAttrs list = addCheck(listOf(elemType), check("nonEmpty", v -> v instanceof NixList l && l.size() > 0));
        return list.update(NixValues.attrs(
                "description", NixValues.lazy(() -> NixValues.str("non-empty " + phrase(classIn("noun"), list))),
                "emptyValue", NixAttrs.EMPTY,
                "substSubModules", NixValues.fn("substSubModules", 1, (e, a, p) ->
                        nonEmptyListOf(attrs(e.apply(NixValues.select(elemType, "substSubModules", p), a[0], p))))));
    }

    NixAttrs attrsWith(Lazy elemType, boolean lazy, String placeholder) {
        TypeBuilder b = new TypeBuilder(this, lazy ? "lazyAttrsOf" : "attrsOf").descriptionClass("composite");
        b.description = NixValues.lazy(() -> NixValues.str((lazy ? "lazy attribute set" : "attribute set") + " of "
                + phrase(classIn("noun", "composite"), elemType)));
        b.check = ATTRS_CHECK;
        b.merge = mergeFn(lazy ? "lazyAttrsOf" : "attrsOf", (loc, defs) -> mergeAttrsOf(elemType, lazy, loc, defs));
        b.emptyValue = EMPTY_ATTRS_VALUE;
        b.getSubOptions = NixValues.fn("getSubOptions", 1, (e, a, p) ->
                e.apply(NixValues.select(elemType, "getSubOptions", p), appendLoc(a[0], "<" + placeholder + ">"), p));
        b.getSubModules = NixValues.lazy(() -> TypeOps.getSubModules(elemType));
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                attrsWith(attrs(e.apply(NixValues.select(elemType, "substSubModules", p), a[0], p)), lazy, placeholder));
        b.functor = NixValues.lazy(() -> {
            NixAttrs payload = NixValues.attrs("elemType", elemType, "lazy", NixBool.of(lazy), "placeholder", NixValues.str(placeholder));
            NixAttrs functor = elemTypeFunctor("attrsWith", payload, elemType,
                    NixValues.fn("attrsWith", 1, (e, a, p) -> attrsWithFromArgs(Force.attrs(a[0], p))));
            return functor.update(NixValues.attrs("binOp", NixValues.fn("binOp", 2, (e, a, p) -> {
                NixAttrs l = Force.attrs(a[0], p);
                NixAttrs r = Force.attrs(a[1], p);
                Value mergedElem = e.apply(NixValues.select(l.get("elemType").force(), "typeMerge", p),
                        NixValues.select(r.get("elemType").force(), "functor", p), p);
                Value mergedLazy = Equality.equal(l.get("lazy"), r.get("lazy")) ? l.get("lazy").force() : NixNull.NULL;
                String lp = NixValues.text(l.get("placeholder").force(), p);
                String rp = NixValues.text(r.get("placeholder").force(), p);
                String mergedPlaceholder = lp.equals(rp) ? lp : lp.equals("name") ? rp : rp.equals("name") ? lp : null;
                if (mergedElem instanceof NixNull || mergedLazy instanceof NixNull || mergedPlaceholder == null) {
                    return NixNull.NULL;
                }
                return NixValues.attrs("elemType", mergedElem, "lazy", mergedLazy, "placeholder", NixValues.str(mergedPlaceholder));
            })));
        });
        b.nestedTypes = NixValues.attrs("elemType", elemType);
        return b.build();
    }

    private NixAttrs attrsWithFromArgs(NixAttrs args) {
        Lazy lazy = args.get("lazy");
        Lazy placeholder = args.get("placeholder");
        return attrsWith(attrs(NixValues.select(args, "elemType", Pos.NONE)),
                lazy != null && Force.bool(lazy, Pos.NONE),
                placeholder == null ? "name" : NixValues.text(placeholder.force(), Pos.NONE));
    }

    NixAttrs lazyAttrsOf(Lazy elemType) {
        return attrsWith(elemType, true, "name");
    }

    private Value mergeAttrsOf(Lazy elemType, boolean lazy, List<String> loc, List<Def> defs) {
        Map<String, List<Def>> byName = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Def def : defs) {
            NixAttrs a = Force.attrs(def.value(), Pos.NONE);
            for (int i = 0; i < a.size(); i++) {
                List<Def> list = byName.get(a.name(i));
                if (list == null) {
                    list = new ArrayList<>();
                    byName.put(a.name(i), list);
                    order.add(a.name(i));
                }
                list.add(new Def(def.file(), a.value(i), a.position(i)));
            }
        }
        NixAttrs.Builder out = NixAttrs.builder(order.size());
        for (String name : order) {
            Merged merged = new Merged(ev, Level.append(loc, name), attrs(elemType), byName.get(name));
            if (lazy) {
                out.put(name, NixValues.lazy(() -> {
                    if (merged.isDefined()) {
                        return merged.value().force();
                    }
                    Lazy empty = NixValues.get(NixValues.select(elemType, "emptyValue", Pos.NONE), "value");
                    return empty != null ? empty.force() : merged.value().force();
                }));
            } else if (merged.isDefined()) {
                out.put(name, merged.value());
            }
        }
        return out.build();
    }

    NixAttrs nullOr(Lazy elemType) {
        TypeBuilder b = new TypeBuilder(this, "nullOr").descriptionClass("conjunction");
        b.description = NixValues.lazy(() -> NixValues.str("null or " + phrase(classIn("noun", "conjunction"), elemType)));
        b.check = NixValues.fn("nullOr", 1, (e, a, p) ->
                NixBool.of(a[0].force() instanceof NixNull || TypeOps.check(e, elemType, a[0])));
        b.merge = mergeFn("nullOr", (loc, defs) -> {
            int nulls = 0;
            for (Def d : defs) {
                if (d.value().force() instanceof NixNull) {
                    nulls++;
                }
            }
            if (nulls == defs.size()) {
                return NixNull.NULL;
            }
            if (nulls != 0) {
                throw NixValues.thrown("The option `" + Messages.showOption(loc) + "` is defined both null and not null, in "
                        + Messages.showFiles(files(defs)) + ".");
            }
            return TypeOps.merge(ev, elemType, loc, defs);
        });
        b.emptyValue = NULL_VALUE;
        b.getSubOptions = NixValues.lazy(() -> NixValues.select(elemType, "getSubOptions", Pos.NONE));
        b.getSubModules = NixValues.lazy(() -> TypeOps.getSubModules(elemType));
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                nullOr(attrs(e.apply(NixValues.select(elemType, "substSubModules", p), a[0], p))));
        b.functor = NixValues.lazy(() -> elemTypeFunctor("nullOr", NixValues.attrs("elemType", elemType), elemType,
                NixValues.fn("nullOr", 1, (e, a, p) -> nullOr(attrs(NixValues.get(a[0].force(), "elemType"))))));
        b.nestedTypes = NixValues.attrs("elemType", elemType);
        return b.build();
    }

    NixAttrs unique(String message, Lazy type) {
        TypeBuilder b = new TypeBuilder(this, "unique");
        b.description = field(type, "description", null);
        b.descriptionClass = field(type, "descriptionClass", NixNull.NULL);
        b.check = field(type, "check", null);
        Lazy innerMerge = field(type, "merge", null);
        b.merge = mergeFn("unique", (loc, defs) -> mergeUnique(message, innerMerge, loc, defs));
        b.emptyValue = field(type, "emptyValue", null);
        b.getSubOptions = field(type, "getSubOptions", null);
        b.getSubModules = NixValues.lazy(() -> TypeOps.getSubModules(type));
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                unique("", attrs(e.apply(NixValues.select(type, "substSubModules", p), a[0], p))));
        b.functor = elemTypeFunctor("unique", NixValues.attrs("elemType", type), type,
                NixValues.fn("unique", 1, (e, a, p) -> unique(message, attrs(NixValues.get(a[0].force(), "elemType")))));
        b.nestedTypes = NixValues.attrs("elemType", type);
        return b.build();
    }

    private NixAttrs functionTo(Lazy elemType) {
        TypeBuilder b = new TypeBuilder(this, "functionTo").descriptionClass("composite");
        b.description = NixValues.lazy(() -> NixValues.str("function that evaluates to a(n) "
                + phrase(classIn("noun", "composite"), elemType)));
        b.check = NixValues.fn("functionTo", 1, (e, a, p) -> NixBool.of(NixValues.isFunction(e, a[0].force())));
        b.merge = mergeFn("functionTo", (loc, defs) -> {
            Lazy functionArgs = NixValues.lazy(() -> {
                Map<String, Boolean> all = new HashMap<>();
                for (Def d : defs) {
                    NixAttrs fa = NixValues.functionArgs(ev, d.value().force());
                    for (int i = 0; i < fa.size(); i++) {
                        boolean v = Force.bool(fa.value(i), Pos.NONE);
                        all.merge(fa.name(i), v, Boolean::logicalAnd);
                    }
                }
                NixAttrs.Builder out = NixAttrs.builder(all.size());
                all.forEach((k, v) -> out.put(k, NixBool.of(v)));
                return out.build();
            });
            NixPrimOp functor = NixValues.fn("functionTo", 2, (e, a, p) -> {
                List<Def> applied = new ArrayList<>();
                for (Def d : defs) {
                    applied.add(d.withValue(new Thunk.OfApply(e, d.value(), a[1], p)));
                }
                return new Merged(e, Level.append(loc, "<function body>"), attrs(elemType), applied).value().force();
            });
            return NixValues.attrs("__functionArgs", functionArgs, "__functor", functor);
        });
        b.getSubOptions = NixValues.fn("getSubOptions", 1, (e, a, p) ->
                e.apply(NixValues.select(elemType, "getSubOptions", p), appendLoc(a[0], "<function body>"), p));
        b.getSubModules = NixValues.lazy(() -> TypeOps.getSubModules(elemType));
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                functionTo(attrs(e.apply(NixValues.select(elemType, "substSubModules", p), a[0], p))));
        b.functor = elemTypeFunctor("functionTo", NixValues.attrs("elemType", elemType), elemType,
                NixValues.fn("functionTo", 1, (e, a, p) -> functionTo(attrs(NixValues.get(a[0].force(), "elemType")))));
        b.nestedTypes = NixValues.attrs("elemType", elemType);
        return b.build();
    }

    private static String showEnumValue(Value v) {
        return switch (v) {
            case NixString s -> "\"" + ByteStrings.toText(s.bytes()) + "\"";
            case NixInt i -> Long.toString(i.value());
            case NixBool b -> b.value() ? "true" : "false";
            default -> "<" + v.typeName() + ">";
        };
    }

    private static String enumDescription(NixList values) {
        if (values.size() == 0) {
            return "impossible (empty enum)";
        }
        if (values.size() == 1) {
            return "value " + showEnumValue(values.get(0).force()) + " (singular enum)";
        }
        List<String> shown = new ArrayList<>();
        for (Lazy v : values.array()) {
            shown.add(showEnumValue(v.force()));
        }
        return "one of " + String.join(", ", shown);
    }

    NixAttrs enumType(NixList values) {
        TypeBuilder b = new TypeBuilder(this, "enum").descriptionClass(values.size() < 2 ? "noun" : "conjunction");
        b.description = NixValues.lazy(() -> NixValues.str(enumDescription(values)));
        b.check = NixValues.fn("enum", 1, (e, a, p) -> {
            for (Lazy v : values.array()) {
                if (Equality.equal(a[0], v)) {
                    return NixBool.TRUE;
                }
            }
            return NixBool.FALSE;
        });
        b.merge = mergeEqual;
        b.functor = NixValues.lazy(() -> NixValues.attrs(
                "name", NixValues.ascii("enum"),
                "type", NixValues.fn("enum", 1, (e, a, p) -> enumType(Force.list(NixValues.select(a[0].force(), "values", p), p))),
                "wrapped", NixNull.NULL,
                "payload", NixValues.attrs("values", values),
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> {
                    List<Lazy> all = new ArrayList<>();
                    all.addAll(Force.list(NixValues.select(a[0].force(), "values", p), p).asList());
                    all.addAll(Force.list(NixValues.select(a[1].force(), "values", p), p).asList());
                    List<Lazy> unique = new ArrayList<>();
                    for (Lazy v : all) {
                        if (unique.stream().noneMatch(u -> Equality.equal(u, v))) {
                            unique.add(v);
                        }
                    }
                    return NixValues.attrs("values", NixValues.list(unique));
                })));
        return b.build();
    }

    NixAttrs either(Lazy t1, Lazy t2) {
        TypeBuilder b = new TypeBuilder(this, "either").descriptionClass("conjunction");
        b.description = NixValues.lazy(() -> {
            Lazy c1 = attrs(t1).get("descriptionClass");
            boolean nonRestrictive = c1 != null && c1.force() instanceof NixString s && s.bytes().equals("nonRestrictiveClause");
            if (nonRestrictive) {
                return NixValues.str(TypeOps.description(t1) + ", or " + phrase(classIn("noun", "conjunction"), t2));
            }
            return NixValues.str(phrase(classIn("noun", "conjunction"), t1) + " or "
                    + phrase(classIn("noun", "conjunction", "composite"), t2));
        });
        b.check = NixValues.fn("either", 1, (e, a, p) ->
                NixBool.of(TypeOps.check(e, t1, a[0]) || TypeOps.check(e, t2, a[0])));
        b.merge = mergeFn("either", (loc, defs) -> {
            if (defs.stream().allMatch(d -> TypeOps.check(ev, t1, d.value()))) {
                return TypeOps.merge(ev, t1, loc, defs);
            }
            if (defs.stream().allMatch(d -> TypeOps.check(ev, t2, d.value()))) {
                return TypeOps.merge(ev, t2, loc, defs);
            }
            return mergeUnique("", null, loc, defs);
        });
        NixAttrs functor = elemTypeFunctor("either", NixValues.attrs("elemType", NixValues.list(t1, t2)), NixNull.NULL,
                NixValues.fn("either", 2, (e, a, p) -> either(a[0], a[1])));
        b.functor = functor;
        b.typeMerge = NixValues.fn("typeMerge", 1, (e, a, p) -> {
            NixAttrs other = Force.attrs(a[0], p);
            if (!"either".equals(NixValues.text(NixValues.select(other, "name", p), p))) {
                return NixNull.NULL;
            }
            NixList elems = Force.list(NixValues.select(NixValues.select(other, "payload", p), "elemType", p), p);
            Value mt1 = e.apply(NixValues.select(t1, "typeMerge", p), NixValues.select(elems.get(0).force(), "functor", p), p);
            Value mt2 = e.apply(NixValues.select(t2, "typeMerge", p), NixValues.select(elems.get(1).force(), "functor", p), p);
            return mt1 instanceof NixNull || mt2 instanceof NixNull ? NixNull.NULL : either(attrs(mt1), attrs(mt2));
        });
        b.nestedTypes = NixValues.attrs("left", t1, "right", t2);
        return b.build();
    }

    private NixAttrs oneOf(NixList ts) {
        if (ts.size() == 0) {
            throw NixValues.thrown("types.oneOf needs to get at least one type in its argument");
        }
        Lazy acc = ts.get(0);
        for (int i = 1; i < ts.size(); i++) {
            acc = either(acc, ts.get(i));
        }
        return attrs(acc);
    }

    private NixAttrs coercedTo(Lazy coercedType, Lazy coerceFunc, Lazy finalType) {
        if (!(TypeOps.getSubModules(coercedType) instanceof NixNull)) {
            throw NixValues.thrown("coercedTo: coercedType must not have submodules (it\u2019s a "
                    + TypeOps.description(coercedType) + ")");
        }
        TypeBuilder b = new TypeBuilder(this, "coercedTo");
        b.description = NixValues.lazy(() -> NixValues.str(phrase(classIn("noun"), finalType) + " or "
                + phrase(classIn("noun"), coercedType) + " convertible to it"));
        b.check = NixValues.fn("coercedTo", 1, (e, a, p) -> {
            if (TypeOps.check(e, coercedType, a[0]) && TypeOps.check(e, finalType, new Thunk.OfApply(e, coerceFunc, a[0], p))) {
                return NixBool.TRUE;
            }
            return NixBool.of(TypeOps.check(e, finalType, a[0]));
        });
        b.merge = mergeFn("coercedTo", (loc, defs) -> {
            List<Def> coerced = new ArrayList<>();
            for (Def d : defs) {
                coerced.add(d.withValue(NixValues.lazy(() -> TypeOps.check(ev, coercedType, d.value())
                        ? ev.apply(coerceFunc.force(), d.value(), Pos.NONE) : d.value().force())));
            }
            return TypeOps.merge(ev, finalType, loc, coerced);
        });
        b.emptyValue = field(finalType, "emptyValue", null);
        b.getSubOptions = field(finalType, "getSubOptions", null);
        b.getSubModules = NixValues.lazy(() -> TypeOps.getSubModules(finalType));
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                coercedTo(coercedType, coerceFunc, attrs(e.apply(NixValues.select(finalType, "substSubModules", p), a[0], p))));
        b.typeMerge = NixValues.fn("typeMerge", 1, (e, a, p) -> NixNull.NULL);
        NixAttrs functor = ((NixAttrs) defaultFunctor("coercedTo")).update(NixValues.attrs(
                "wrappedDeprecationMessage", NixValues.fn("wrappedDeprecationMessage", 1, (e, a, p) -> finalType.force()),
                "wrapped", finalType));
        b.functor = functor;
        b.nestedTypes = NixValues.attrs("coercedType", coercedType, "finalType", finalType);
        return b.build();
    }

    private NixAttrs passwdEntry(Lazy entryType) {
        NixAttrs t = addCheck(attrs(entryType), check("passwdEntry", v -> {
            String s = v instanceof NixString str ? str.bytes() : "";
            return !s.contains(":") && !s.contains("\n");
        }));
        return t.update(NixValues.attrs(
                "name", NixValues.lazy(() -> NixValues.str("passwdEntry " + TypeOps.name(entryType))),
                "description", NixValues.lazy(() -> NixValues.str(phrase(classIn("noun"), entryType)
                        + ", not containing newlines or colons")),
                "descriptionClass", NixValues.ascii("nonRestrictiveClause")));
    }

    NixAttrs optionType() {
        return (NixAttrs) cached("optionType", () -> {
            TypeBuilder b = new TypeBuilder(this, "optionType").description("optionType").descriptionClass("noun");
            b.check = check("optionType", v -> "option-type".equals(NixValues.typeTag(v)));
            b.merge = mergeFn("optionType", (loc, defs) -> {
                if (defs.size() == 1) {
                    return defs.get(0).value().force();
                }
                List<Decl> decls = new ArrayList<>();
                for (Def d : defs) {
                    decls.add(new Decl(d.file(), NixValues.attrs("_type", NixValues.ascii("option"), "type", d.value()), Pos.NONE));
                }
                OptionDecls od = engine.optionDecls();
                return NixValues.select(od.fixup(od.merge(loc, decls)), "type", Pos.NONE);
            });
            return b.build();
        }).force();
    }

    // ----- submodules ------------------------------------------------------------------

    /** A module that turns off the check for undeclared options (how nixpkgs evaluates for docs). */
    private static final NixAttrs NO_CHECK_FOR_DOCS = NixValues.attrs(
            "_file", NixString.ofText("<built-in module that disables checks for the purpose of documentation generation>"),
            "config", NixValues.attrs("_module", NixValues.attrs("check",
                    Properties.mkOverride(Properties.prio(50), NixBool.FALSE))));

    /**
     * {@code submoduleWith { modules; specialArgs; shorthandOnlyDefinesConfig; description; class; }}:
     * each value is its own module evaluation, extending a base evaluation of the type's modules.
     */
    private static final java.util.Set<String> SUBMODULE_WITH_ARGUMENTS =
            java.util.Set.of("modules", "specialArgs", "shorthandOnlyDefinesConfig", "description", "class");

    NixAttrs submoduleWith(NixAttrs args) {
        for (int i = 0; i < args.size(); i++) {
            String name = args.name(i);
            if (!SUBMODULE_WITH_ARGUMENTS.contains(name)) {
                throw new EvalError("function 'submoduleWith' called with unexpected argument '"
                        + ByteStrings.toText(name) + "'", Pos.NONE);
            }
        }
        NixList modules = Force.list(NixValues.select(args, "modules", Pos.NONE), Pos.NONE);
        Lazy specialArgs = args.has("specialArgs") ? args.get("specialArgs") : NixAttrs.EMPTY;
        Lazy shorthand = args.has("shorthandOnlyDefinesConfig") ? args.get("shorthandOnlyDefinesConfig") : NixBool.FALSE;
        Lazy description = args.has("description") ? args.get("description") : NixNull.NULL;
        Lazy clazz = args.has("class") ? args.get("class") : NixNull.NULL;

        Memo<Evaluation> base = new Memo<>(() -> {
            List<Lazy> all = new ArrayList<>();
            all.add(NixValues.attrs("_module", NixValues.attrs("args", NixValues.attrs("name",
                    Properties.mkOverride(Properties.prio(Properties.OPTION_DEFAULT_PRIORITY), NixValues.str("\u2039name\u203a"))))));
            all.addAll(modules.asList());
            return new Evaluation(engine, NixValues.attrs("class", clazz, "specialArgs", specialArgs, "modules", NixValues.list(all)));
        });
        Lazy freeformType = NixValues.lazy(() -> NixValues.select(base.get().result().get("_module").force(), "freeformType", Pos.NONE));

        TypeBuilder b = new TypeBuilder(this, "submodule");
        b.description = NixValues.lazy(() -> {
            Value d = description.force();
            if (!(d instanceof NixNull)) {
                return d;
            }
            Evaluation docs = base.get().extend(NixValues.list(NO_CHECK_FOR_DOCS), NixAttrs.EMPTY, null);
            Value ff = NixValues.select(docs.result().get("_module").force(), "freeformType", Pos.NONE);
            Lazy ffd = ff instanceof NixAttrs a ? a.get("description") : null;
            return ffd != null ? ffd.force() : NixValues.ascii("submodule");
        });
        b.check = NixValues.fn("submodule", 1, (e, a, p) -> {
            Value v = a[0].force();
            return NixBool.of(v instanceof NixAttrs || NixValues.isFunction(e, v)
                    || (NixValues.isStringLike(v) && ByteStrings.toText(e.coerceToString(v, p, false, false)).startsWith("/")));
        });
        b.merge = mergeFn("submodule", (loc, defs) -> {
            boolean shorthandOnly = Force.bool(shorthand, Pos.NONE);
            List<Lazy> extra = new ArrayList<>(defs.size() + 1);
            extra.add(NixValues.attrs("_module", NixValues.attrs("args", NixValues.attrs("name",
                    new NixString(loc.get(loc.size() - 1))))));
            for (Def d : defs) {
                Value v = d.value().force();
                if (v instanceof NixAttrs && shorthandOnly) {
                    extra.add(NixValues.attrs("_file", NixValues.str(d.file()), "config", d.value()));
                } else {
                    extra.add(NixValues.attrs("_file", NixValues.str(d.file()), "imports", NixValues.list(d.value())));
                }
            }
            Evaluation evaluation = base.get().extend(NixValues.list(extra), NixAttrs.EMPTY, TypeOps.locValue(loc));
            return evaluation.checkedConfig();
        });
        b.emptyValue = EMPTY_ATTRS_VALUE;
        b.getSubOptions = NixValues.fn("getSubOptions", 1, (e, a, p) -> {
            Evaluation docs = base.get().extend(NixValues.list(NO_CHECK_FOR_DOCS), NixAttrs.EMPTY, a[0]);
            NixAttrs options = Force.attrs(docs.result().get("options"), p);
            Value ff = NixValues.select(docs.result().get("_module").force(), "freeformType", p);
            if (ff instanceof NixNull) {
                return options;
            }
            return options.update(NixValues.attrs("_freeformOptions", e.apply(NixValues.select(ff, "getSubOptions", p), a[0], p)));
        });
        b.getSubModules = modules;
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) ->
                submoduleWith(args.update(NixValues.attrs("modules", a[0]))));
        b.nestedTypes = NixValues.lazy(() -> freeformType.force() instanceof NixNull ? NixAttrs.EMPTY
                : NixValues.attrs("freeformType", freeformType));
        NixAttrs payload = NixValues.attrs("modules", modules, "class", clazz, "specialArgs", specialArgs,
                "shorthandOnlyDefinesConfig", shorthand, "description", description);
        b.functor = ((NixAttrs) defaultFunctor("submodule")).update(NixValues.attrs(
                "type", NixValues.fn("submoduleWith", 1, (e, a, p) -> submoduleWith(Force.attrs(a[0], p))),
                "payload", payload,
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> submoduleBinOp(Force.attrs(a[0], p), Force.attrs(a[1], p)))));
        return b.build();
    }

    private Value submoduleBinOp(NixAttrs lhs, NixAttrs rhs) {
        Value lc = orNull(lhs, "class");
        Value rc = orNull(rhs, "class");
        Value clazz;
        if (lc instanceof NixNull) {
            clazz = rc;
        } else if (rc instanceof NixNull || Equality.equal(lc, rc)) {
            clazz = lc;
        } else {
            throw NixValues.thrown("A submoduleWith option is declared multiple times with conflicting class values \""
                    + NixValues.toStringText(ev, lc) + "\" and \"" + NixValues.toStringText(ev, rc) + "\".");
        }
        List<Lazy> modules = new ArrayList<>(Force.list(NixValues.select(lhs, "modules", Pos.NONE), Pos.NONE).asList());
        modules.addAll(Force.list(NixValues.select(rhs, "modules", Pos.NONE), Pos.NONE).asList());
        NixAttrs ls = Force.attrs(NixValues.select(lhs, "specialArgs", Pos.NONE), Pos.NONE);
        NixAttrs rs = Force.attrs(NixValues.select(rhs, "specialArgs", Pos.NONE), Pos.NONE);
        List<String> shared = new ArrayList<>();
        for (String n : ls.names()) {
            if (rs.has(n)) {
                shared.add(ByteStrings.toText(n));
            }
        }
        if (!shared.isEmpty()) {
            throw NixValues.thrown("A submoduleWith option is declared multiple times with the same specialArgs \""
                    + String.join(" ", shared) + "\"");
        }
        Value shorthand = mergeNullable(NixValues.select(lhs, "shorthandOnlyDefinesConfig", Pos.NONE),
                NixValues.select(rhs, "shorthandOnlyDefinesConfig", Pos.NONE),
                "A submoduleWith option is declared multiple times with conflicting shorthandOnlyDefinesConfig values");
        Value description = mergeNullable(NixValues.select(lhs, "description", Pos.NONE),
                NixValues.select(rhs, "description", Pos.NONE),
                "A submoduleWith option is declared multiple times with conflicting descriptions");
        return NixValues.attrs("class", clazz, "modules", NixValues.list(modules), "specialArgs", ls.update(rs),
                "shorthandOnlyDefinesConfig", shorthand, "description", description);
    }

    private static Value orNull(NixAttrs a, String name) {
        Lazy v = NixValues.get(a, name);
        return v == null ? NixNull.NULL : v.force();
    }

    private static Value mergeNullable(Value l, Value r, String conflict) {
        if (l instanceof NixNull) {
            return r;
        }
        if (r instanceof NixNull || Equality.equal(l, r)) {
            return l;
        }
        throw NixValues.thrown(conflict);
    }

    /** A declaration tree that sits below a submodule option, as that submodule's option. */
    NixAttrs optionTreeAsSubmodule(Lazy tree) {
        NixAttrs type = submoduleWith(NixValues.attrs(
                "modules", NixValues.list(NixValues.attrs("options", tree)),
                "shorthandOnlyDefinesConfig", NixNull.NULL));
        return NixValues.attrs("_type", NixValues.ascii("option"), "type", type);
    }

    NixAttrs deferredModuleWith(NixList staticModules) {
        TypeBuilder b = new TypeBuilder(this, "deferredModule").description("module").descriptionClass("noun");
        b.check = NixValues.fn("deferredModule", 1, (e, a, p) -> {
            Value v = a[0].force();
            return NixBool.of(v instanceof NixAttrs || NixValues.isFunction(e, v)
                    || (NixValues.isStringLike(v) && ByteStrings.toText(e.coerceToString(v, p, false, false)).startsWith("/")));
        });
        b.merge = mergeFn("deferredModule", (loc, defs) -> {
            List<Lazy> imports = new ArrayList<>(staticModules.asList());
            for (Def d : defs) {
                imports.add(OptionDecls.setDefaultModuleLocation(d.file() + ", via option " + Messages.showOption(loc), d.value()));
            }
            return NixValues.attrs("imports", NixValues.list(imports));
        });
        Memo<NixAttrs> asSubmodule = new Memo<>(() -> submoduleWith(NixValues.attrs("modules", staticModules)));
        b.getSubOptions = NixValues.lazy(() -> asSubmodule.get().get("getSubOptions").force());
        b.getSubModules = staticModules;
        b.substSubModules = NixValues.fn("substSubModules", 1, (e, a, p) -> deferredModuleWith(Force.list(a[0], p)));
        b.functor = ((NixAttrs) defaultFunctor("deferredModuleWith")).update(NixValues.attrs(
                "type", NixValues.fn("deferredModuleWith", 1, (e, a, p) -> {
                    Lazy sm = NixValues.get(a[0].force(), "staticModules");
                    return deferredModuleWith(sm == null ? NixList.EMPTY : Force.list(sm, p));
                }),
                "payload", NixValues.attrs("staticModules", staticModules),
                "binOp", NixValues.fn("binOp", 2, (e, a, p) -> {
                    List<Lazy> all = new ArrayList<>(Force.list(NixValues.select(a[0].force(), "staticModules", p), p).asList());
                    all.addAll(Force.list(NixValues.select(a[1].force(), "staticModules", p), p).asList());
                    return NixValues.attrs("staticModules", NixValues.list(all));
                })));
        return b.build();
    }

    private NixAttrs pkgsType() {
        NixAttrs base = unique("A Nixpkgs pkgs set can not be merged with another pkgs set.", attrsType())
                .update(NixValues.attrs("name", NixValues.ascii("pkgs"), "descriptionClass", NixValues.ascii("noun"),
                        "description", NixString.ofText("Nixpkgs package set")));
        return addCheck(base, check("pkgs", v -> "pkgs".equals(NixValues.typeTag(v))));
    }

    // ----- mkOptionType and the lib.types set -------------------------------------------

    /** {@code mkOptionType { name; … }} as Nix code calls it. */
    NixAttrs mkOptionType(NixAttrs args) {
        String name = NixValues.text(NixValues.select(args, "name", Pos.NONE), Pos.NONE);
        TypeBuilder b = new TypeBuilder(this, name);
        Lazy d = args.get("description");
        b.description = d == null ? NixValues.str(name)
                : NixValues.lazy(() -> d.force() instanceof NixNull ? NixValues.str(name) : d.force());
        b.descriptionClass = orDefault(args, "descriptionClass", NixNull.NULL);
        b.check = orDefault(args, "check", alwaysTrue);
        b.merge = orDefault(args, "merge", mergeDefault);
        b.emptyValue = orDefault(args, "emptyValue", NixAttrs.EMPTY);
        b.getSubOptions = orDefault(args, "getSubOptions", noSubOptions);
        b.getSubModules = orDefault(args, "getSubModules", NixNull.NULL);
        b.substSubModules = orDefault(args, "substSubModules", constNull);
        b.deprecationMessage = orDefault(args, "deprecationMessage", NixNull.NULL);
        b.nestedTypes = orDefault(args, "nestedTypes", NixAttrs.EMPTY);
        Lazy functor = args.has("functor") ? args.get("functor") : defaultFunctor(name);
        if (args.has("functor")) {
            Lazy given = args.get("functor");
            functor = NixValues.lazy(() -> {
                NixAttrs f = Force.attrs(given, Pos.NONE);
                if (!f.has("wrappedDeprecationMessage")) {
                    return f;
                }
                return f.update(NixValues.attrs("wrapped", NixValues.lazy(() ->
                        ev.apply(f.get("wrappedDeprecationMessage").force(), NixValues.attrs("loc", NixNull.NULL), Pos.NONE))));
            });
        }
        b.functor = functor;
        b.typeMerge = args.has("typeMerge") ? args.get("typeMerge") : defaultTypeMerge(functor);
        return b.build();
    }

    private static Lazy orDefault(NixAttrs args, String name, Lazy fallback) {
        Lazy v = args.get(name);
        return v == null ? fallback : v;
    }

    /** The {@code lib.types} set. */
    public NixAttrs typesSet() {
        return typesSet.get();
    }

    private NixAttrs buildTypesSet() {
        NixAttrs.Builder b = NixAttrs.builder(80);
        put(b, "raw", this::raw);
        put(b, "anything", this::anything);
        put(b, "unspecified", this::unspecified);
        put(b, "bool", this::bool);
        put(b, "boolByOr", this::boolByOr);
        put(b, "int", this::integer);
        put(b, "ints", this::intsSet);
        put(b, "port", this::port);
        put(b, "float", this::floatType);
        put(b, "number", this::number);
        put(b, "numbers", this::numbersSet);
        put(b, "str", this::str);
        put(b, "nonEmptyStr", this::nonEmptyStr);
        put(b, "singleLineStr", this::singleLineStr);
        b.put("strMatching", NixValues.fn("strMatching", 1, (e, a, p) -> strMatching(Force.string(a[0], p))));
        b.put("separatedString", NixValues.fn("separatedString", 1, (e, a, p) -> separatedString(Force.string(a[0], p))));
        put(b, "lines", () -> separatedString("\n"));
        put(b, "commas", () -> separatedString(","));
        put(b, "envVar", () -> separatedString(":"));
        put(b, "attrs", this::attrsType);
        put(b, "package", this::packageType);
        put(b, "shellPackage", () -> packageType().update(NixValues.attrs("check",
                check("shellPackage", v -> isDerivation(v) && v instanceof NixAttrs a && a.has("shellPath")))));
        put(b, "pkgs", this::pkgsType);
        put(b, "path", () -> pathWith(NixNull.NULL, NixBool.TRUE));
        put(b, "pathInStore", () -> pathWith(NixBool.TRUE, NixNull.NULL));
        b.put("pathWith", NixValues.fn("pathWith", 1, (e, a, p) -> pathWithFromArgs(Force.attrs(a[0], p))));
        b.put("listOf", unary("listOf", this::listOf));
        b.put("nonEmptyListOf", unary("nonEmptyListOf", this::nonEmptyListOf));
        b.put("attrsOf", unary("attrsOf", t -> attrsWith(t, false, "name")));
        b.put("lazyAttrsOf", unary("lazyAttrsOf", this::lazyAttrsOf));
        b.put("attrsWith", NixValues.fn("attrsWith", 1, (e, a, p) -> attrsWithFromArgs(Force.attrs(a[0], p))));
        b.put("uniq", unary("uniq", t -> unique("", t)));
        b.put("unique", NixValues.fn("unique", 2, (e, a, p) ->
                unique(NixValues.text(NixValues.select(a[0].force(), "message", p), p), a[1])));
        b.put("nullOr", unary("nullOr", this::nullOr));
        b.put("functionTo", unary("functionTo", this::functionTo));
        b.put("submodule", NixValues.fn("submodule", 1, (e, a, p) -> {
            Value m = a[0].force();
            NixList modules = m instanceof NixList l ? l : NixValues.list(a[0]);
            return submoduleWith(NixValues.attrs("shorthandOnlyDefinesConfig", NixBool.TRUE, "modules", modules));
        }));
        b.put("submoduleWith", NixValues.fn("submoduleWith", 1, (e, a, p) -> submoduleWith(Force.attrs(a[0], p))));
        put(b, "deferredModule", () -> deferredModuleWith(NixList.EMPTY));
        b.put("deferredModuleWith", NixValues.fn("deferredModuleWith", 1, (e, a, p) -> {
            Lazy sm = Force.attrs(a[0], p).get("staticModules");
            return deferredModuleWith(sm == null ? NixList.EMPTY : Force.list(sm, p));
        }));
        put(b, "optionType", this::optionType);
        b.put("enum", NixValues.fn("enum", 1, (e, a, p) -> enumType(Force.list(a[0], p))));
        b.put("either", NixValues.fn("either", 2, (e, a, p) -> either(a[0], a[1])));
        b.put("oneOf", NixValues.fn("oneOf", 1, (e, a, p) -> oneOf(Force.list(a[0], p))));
        b.put("coercedTo", NixValues.fn("coercedTo", 3, (e, a, p) -> coercedTo(a[0], a[1], a[2])));
        b.put("addCheck", NixValues.fn("addCheck", 2, (e, a, p) -> addCheck(attrs(a[0]), a[1])));
        b.put("passwdEntry", unary("passwdEntry", this::passwdEntry));
        for (String unsupported : List.of("attrTag", "luaInline", "loaOf", "string")) {
            b.put(unsupported, NixValues.lazy(() -> {
                throw NixValues.thrown("not supported by jmicrovm: types." + unsupported);
            }));
        }
        // lib.types also carries the helpers of nixpkgs' types.nix
        b.put("mkOptionType", NixValues.fn("mkOptionType", 1, (e, a, p) -> mkOptionType(Force.attrs(a[0], p))));
        b.put("isType", NixValues.fn("isType", 2, (e, a, p) ->
                NixBool.of(Force.string(a[0], p).equals(NixValues.typeTag(a[1].force())))));
        b.put("setType", NixValues.fn("setType", 2, (e, a, p) ->
                Force.attrs(a[1], p).update(NixValues.attrs("_type", a[0]))));
        b.put("isOptionType", NixValues.fn("isOptionType", 1, (e, a, p) ->
                NixBool.of("option-type".equals(NixValues.typeTag(a[0].force())))));
        b.put("defaultTypeMerge", NixValues.fn("defaultTypeMerge", 2, (e, a, p) -> typeMerge(a[0], a[1])));
        b.put("defaultFunctor", NixValues.fn("defaultFunctor", 1, (e, a, p) ->
                defaultFunctor(NixValues.text(a[0].force(), p)).force()));
        b.put("mergeTypes", NixValues.fn("mergeTypes", 2, (e, a, p) -> {
            Value merged = e.apply(NixValues.select(a[0].force(), "typeMerge", p), NixValues.select(a[1].force(), "functor", p), p);
            return merged instanceof NixNull
                    ? NixValues.attrs("_type", NixValues.ascii("merge-error"), "error", NixString.ofText("Cannot merge types"))
                    : merged;
        }));
        return b.build();
    }

    private static void put(NixAttrs.Builder b, String name, java.util.function.Supplier<? extends Value> make) {
        b.put(name, NixValues.lazy(make::get));
    }

    private static NixPrimOp unary(String name, Function<Lazy, NixAttrs> make) {
        return NixValues.fn(name, 1, (e, a, p) -> make.apply(a[0]));
    }
}
