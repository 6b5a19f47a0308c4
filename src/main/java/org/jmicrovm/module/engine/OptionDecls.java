package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/**
 * Option declarations: merging several declarations of one option ({@code mergeOptionDecls}),
 * substituting the submodules collected from them into the type ({@code fixupOptionType}), and
 * evaluating the option against its definitions ({@code evalOptionValue}).
 */
final class OptionDecls {

    private final Evaluator ev;
    private final Types types;

    OptionDecls(Evaluator ev, Types types) {
        this.ev = ev;
        this.types = types;
    }

    /** The attributes evalOptionValue adds, sorted: the values below are given in this order. */
    private static final String[] EVALUATED_NAMES = {"__toString", "definitions", "definitionsWithLocations",
            "files", "highestPrio", "isDefined", "value"};

    static boolean isOption(Value v) {
        return "option".equals(NixValues.typeTag(v));
    }

    /** {@code mergeOptionDecls loc decls}. Each decl's {@code options} is an option ({@code mkOption} result). */
    NixAttrs merge(List<String> loc, List<Decl> decls) {
        if (decls.size() == 1) {
            return mergeOne(loc, decls.get(0));
        }
        NixAttrs res = NixValues.attrs("loc", TypeOps.locValue(loc));
        List<Lazy> declarations = new ArrayList<>();
        List<Lazy> positions = new ArrayList<>();
        List<Lazy> submodules = new ArrayList<>();
        List<String> declarationFiles = new ArrayList<>();
        boolean first = true;
        for (Decl decl : decls) {
            NixAttrs opt = Force.attrs(decl.options(), Pos.NONE);
            NixAttrs typeSet = NixAttrs.EMPTY;
            if (opt.has("type")) {
                NixAttrs optType = Force.attrs(opt.get("type"), Pos.NONE);
                if (res.has("type")) {
                    NixAttrs resType = Force.attrs(res.get("type"), Pos.NONE);
                    Value merged = ev.apply(NixValues.select(resType, "typeMerge", Pos.NONE),
                            NixValues.select(optType, "functor", Pos.NONE), Pos.NONE);
                    if (merged instanceof NixNull) {
                        throw alreadyDeclared(loc, decl.file(), declarationFiles);
                    }
                    typeSet = NixValues.attrs("type", merged);
                }
            }
            if (!first) {
                for (String k : List.of("default", "example", "description", "apply")) {
                    if (opt.has(k) && res.has(k)) {
                        throw alreadyDeclared(loc, decl.file(), declarationFiles);
                    }
                }
            }
            Value subModules = NixNull.NULL;
            if (opt.has("type")) {
                NixAttrs optType = Force.attrs(opt.get("type"), Pos.NONE);
                Lazy g = optType.get("getSubModules");
                subModules = g == null ? NixNull.NULL : g.force();
            }
            if (!(subModules instanceof NixNull)) {
                List<Lazy> located = new ArrayList<>();
                for (Lazy m : Force.list(subModules, Pos.NONE).array()) {
                    located.add(setDefaultModuleLocation(decl.file(), m));
                }
                located.addAll(submodules);
                submodules = located;
            }
            declarations.add(NixValues.fileString(decl.file()));
            declarationFiles.add(decl.file());
            positions.add(positionOf(decl));
            NixAttrs bookkeeping = NixValues.attrs(
                    "declarations", NixValues.list(List.copyOf(declarations)),
                    "declarationPositions", NixValues.list(List.copyOf(positions)),
                    "options", NixValues.list(List.copyOf(submodules)));
            res = opt.update(res).update(bookkeeping).update(typeSet);
            first = false;
        }
        return res;
    }

    /** The common case, one declaration: {@code opt // { loc; declarations; declarationPositions; options; }}. */
    private NixAttrs mergeOne(List<String> loc, Decl decl) {
        NixAttrs opt = Force.attrs(decl.options(), Pos.NONE);
        Lazy options = NixList.EMPTY;
        Lazy type = opt.get("type");
        if (type != null) {
            Lazy g = Force.attrs(type, Pos.NONE).get("getSubModules");
            Value subModules = g == null ? NixNull.NULL : g.force();
            if (!(subModules instanceof NixNull)) {
                NixList list = Force.list(subModules, Pos.NONE);
                Lazy[] located = new Lazy[list.size()];
                for (int i = 0; i < located.length; i++) {
                    located[i] = setDefaultModuleLocation(decl.file(), list.get(i));
                }
                options = new NixList(located);
            }
        }
        return opt.update(NixValues.attrs(
                "loc", TypeOps.locValue(loc),
                "declarations", NixValues.list(NixValues.fileString(decl.file())),
                "declarationPositions", NixValues.list(positionOf(decl)),
                "options", options));
    }

    private Lazy positionOf(Decl decl) {
        if (decl.pos() != null && decl.pos().isKnown()) {
            return NixValues.lazy(() -> ev.positionValue(decl.pos()));
        }
        return NixValues.attrs("file", NixValues.str(decl.file()), "line", NixNull.NULL, "column", NixNull.NULL);
    }

    private static NixException alreadyDeclared(List<String> loc, String file, List<String> earlier) {
        return NixValues.thrown("The option `" + Messages.showOption(loc) + "' in `" + file
                + "' is already declared in " + Messages.showFiles(earlier) + ".");
    }

    static NixAttrs setDefaultModuleLocation(String file, Lazy module) {
        return NixValues.attrs("_file", NixValues.str(file), "imports", NixValues.list(module));
    }

    /** {@code fixupOptionType}: the type with the declarations' submodules, or {@code unspecified}. */
    NixAttrs fixup(NixAttrs opt) {
        Lazy typeLazy = opt.get("type");
        Value subModules = NixNull.NULL;
        if (typeLazy != null) {
            Lazy g = Force.attrs(typeLazy, Pos.NONE).get("getSubModules");
            subModules = g == null ? NixNull.NULL : g.force();
        }
        if (subModules instanceof NixNull) {
            return opt.update(NixValues.attrs("type", typeLazy != null ? typeLazy : types.unspecified()));
        }
        NixAttrs type = Force.attrs(typeLazy, Pos.NONE);
        Value substituted = ev.apply(NixValues.select(type, "substSubModules", Pos.NONE), opt.get("options"), Pos.NONE);
        return opt.update(NixValues.attrs("type", substituted, "options", NixList.EMPTY));
    }

    /**
     * {@code evalOptionValue}: the option's own set extended with its value and what is known about
     * its definitions. The option's default takes part as a definition of priority 1500.
     */
    NixAttrs evalOptionValue(List<String> loc, NixAttrs opt, List<Def> defs) {
        List<Def> all;
        Lazy defaultValue = opt.get("default");
        if (defaultValue != null) {
            all = new ArrayList<>(defs.size() + 1);
            String file = TypeOps.fileText(Force.list(NixValues.select(opt, "declarations", Pos.NONE), Pos.NONE).get(0).force());
            all.add(new Def(file, Properties.mkOverride(Properties.prio(Properties.OPTION_DEFAULT_PRIORITY), defaultValue),
                    opt.positionOf("default")));
            all.addAll(defs);
        } else {
            all = defs;
        }
        NixAttrs type = Force.attrs(NixValues.select(opt, "type", Pos.NONE), Pos.NONE);
        Memo<Merged> res = new Memo<>(() -> {
            Lazy readOnly = opt.get("readOnly");
            if (readOnly != null && readOnly.force() == NixBool.TRUE && all.size() > 1) {
                List<Def> separate = new ArrayList<>();
                for (Def d : all) {
                    separate.add(d.withValue(new Merged(ev, loc, type, List.of(d)).value()));
                }
                throw NixValues.thrown("The option `" + Messages.showOption(loc)
                        + "' is read-only, but it's set multiple times. Definition values:" + Messages.showDefs(ev, separate));
            }
            return new Merged(ev, loc, type, all);
        });
        Lazy apply = opt.get("apply");
        Lazy value = new OptionValue(loc, () -> {
            Lazy merged = res.get().value();
            return apply == null ? merged.force() : ev.apply(apply.force(), merged, Pos.NONE);
        });
        NixAttrs extra = NixValues.sortedAttrs(EVALUATED_NAMES,
                new NixPrimOp("showOption", 1, (e, a, p) -> NixString.ofText(Messages.showOption(loc))),
                NixValues.lazy(() -> {
                    List<Def> fin = res.get().finalDefs();
                    Lazy[] out = new Lazy[fin.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = fin.get(i).value();
                    }
                    return new NixList(out);
                }),
                NixValues.lazy(() -> res.get().finalDefsValue()),
                NixValues.lazy(() -> {
                    List<Def> fin = res.get().finalDefs();
                    Lazy[] out = new Lazy[fin.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = NixValues.fileString(fin.get(i).file());
                    }
                    return new NixList(out);
                }),
                NixValues.lazy(() -> res.get().highestPrioValue()),
                NixValues.lazy(() -> NixValues.bool(res.get().isDefined())),
                value);
        Lazy deprecation = type.get("deprecationMessage");
        if (deprecation != null && !(deprecation.force() instanceof NixNull)) {
            ev.trace("evaluation warning: The type `types." + TypeOps.name(type) + "' of option `" + Messages.showOption(loc)
                    + "' defined in " + Messages.showFiles(filesOf(opt)) + " is deprecated. "
                    + ByteStrings.toText(Force.string(deprecation, Pos.NONE)));
        }
        return opt.update(extra);
    }

    private static List<String> filesOf(NixAttrs opt) {
        List<String> out = new ArrayList<>();
        for (Lazy f : Force.list(NixValues.select(opt, "declarations", Pos.NONE), Pos.NONE).array()) {
            out.add(TypeOps.fileText(f.force()));
        }
        return out;
    }

    /**
     * The value of an option: computed once, and when it turns out to depend on itself the error says
     * through which options, not just "infinite recursion".
     */
    static final class OptionValue extends Thunk {
        private final List<String> loc;
        private java.util.function.Supplier<Value> compute;

        OptionValue(List<String> loc, java.util.function.Supplier<Value> compute) {
            this.loc = loc;
            this.compute = compute;
        }

        @Override
        protected Value compute() {
            try {
                return compute.get();
            } catch (OptionRecursionError e) {
                throw e.through(loc);
            } catch (EvalError e) {
                if (e.getMessage() != null && e.getMessage().startsWith("infinite recursion encountered")
                        && !(e instanceof OptionRecursionError)) {
                    throw new OptionRecursionError(e).through(loc);
                }
                throw EvalError.frame(e, Pos.NONE, "while evaluating the option `" + Messages.showOption(loc) + "':");
            }
        }

        @Override
        protected void evaluated() {
            compute = null;
        }
    }

}
