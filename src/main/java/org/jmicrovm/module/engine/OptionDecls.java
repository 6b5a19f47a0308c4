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
     * The option at {@code loc} as {@code options.<loc>} shows it: {@code evalOptionValue loc
     * (fixupOptionType loc (mergeOptionDecls loc decls)) defs}. With one declaration (nearly every
     * option) the three sets nixpkgs makes one after the other are made as one.
     */
    OptionNode option(List<String> loc, List<Decl> decls, List<Def> defs) {
        if (decls.size() != 1) {
            return OptionNode.of(evalOptionValue(loc, fixup(merge(loc, decls)), defs));
        }
        Decl decl = decls.get(0);
        NixAttrs opt = Force.attrs(decl.options(), Pos.NONE);
        Lazy typeLazy = opt.get("type");
        Value type;
        if (typeLazy == null) {
            type = types.unspecified().force();
        } else {
            NixAttrs declared = Force.attrs(typeLazy, Pos.NONE);
            Lazy g = declared.get("getSubModules");
            Value subModules = g == null ? NixNull.NULL : g.force();
            if (subModules instanceof NixNull) {
                type = declared;
            } else {
                NixList list = Force.list(subModules, Pos.NONE);
                Lazy[] located = new Lazy[list.size()];
                for (int i = 0; i < located.length; i++) {
                    located[i] = setDefaultModuleLocation(decl.file(), list.get(i));
                }
                type = ev.apply(NixValues.select(declared, "substSubModules", Pos.NONE),
                        located.length == 0 ? NixList.EMPTY : new NixList(located), Pos.NONE);
            }
        }
        NixAttrs typeSet = Force.attrs(type, Pos.NONE);
        EvaluatedOption e = new EvaluatedOption(loc, typeSet, opt, decl.file(), defs);
        warnIfDeprecated(loc, typeSet, () -> List.of(decl.file()));
        return new OptionNode(e.value, () -> opt.update(NixValues.sortedAttrs(SINGLE_NAMES,
                e.field(EvaluatedOption.TO_STRING),
                positionOf(decl),
                NixValues.list(NixValues.fileString(decl.file())),
                e.field(EvaluatedOption.DEFINITIONS),
                e.field(EvaluatedOption.DEFINITIONS_WITH_LOCATIONS),
                e.field(EvaluatedOption.FILES),
                e.field(EvaluatedOption.HIGHEST_PRIO),
                e.field(EvaluatedOption.IS_DEFINED),
                TypeOps.locValue(loc),
                NixList.EMPTY,
                typeSet,
                e.value)));
    }

    /** The names {@link #option} adds to a single declaration, sorted byte-wise. */
    private static final String[] SINGLE_NAMES = {"__toString", "declarationPositions", "declarations", "definitions",
            "definitionsWithLocations", "files", "highestPrio", "isDefined", "loc", "options", "type", "value"};

    /**
     * {@code evalOptionValue}: the option's own set extended with its value and what is known about
     * its definitions. The option's default takes part as a definition of priority 1500.
     */
    NixAttrs evalOptionValue(List<String> loc, NixAttrs opt, List<Def> defs) {
        String file = TypeOps.fileText(Force.list(NixValues.select(opt, "declarations", Pos.NONE), Pos.NONE).get(0).force());
        NixAttrs type = Force.attrs(NixValues.select(opt, "type", Pos.NONE), Pos.NONE);
        EvaluatedOption e = new EvaluatedOption(loc, type, opt, file, defs);
        NixAttrs extra = NixValues.sortedAttrs(EVALUATED_NAMES,
                e.field(EvaluatedOption.TO_STRING),
                e.field(EvaluatedOption.DEFINITIONS),
                e.field(EvaluatedOption.DEFINITIONS_WITH_LOCATIONS),
                e.field(EvaluatedOption.FILES),
                e.field(EvaluatedOption.HIGHEST_PRIO),
                e.field(EvaluatedOption.IS_DEFINED),
                e.value);
        warnIfDeprecated(loc, type, () -> filesOf(opt));
        return opt.update(extra);
    }

    private void warnIfDeprecated(List<String> loc, NixAttrs type, java.util.function.Supplier<List<String>> files) {
        Lazy deprecation = type.get("deprecationMessage");
        if (deprecation != null && !(deprecation.force() instanceof NixNull)) {
            ev.trace("evaluation warning: The type `types." + TypeOps.name(type) + "' of option `" + Messages.showOption(loc)
                    + "' defined in " + Messages.showFiles(files.get()) + " is deprecated. "
                    + ByteStrings.toText(Force.string(deprecation, Pos.NONE)));
        }
    }

    /**
     * What {@code evalOptionValue} adds to an option, computed on demand from one {@link Merged}:
     * the definitions (the default as one more, of priority 1500), whether any is left after
     * conditions and priorities, and the value ({@code apply} applied).
     */
    private final class EvaluatedOption implements java.util.function.Supplier<Value> {
        static final int TO_STRING = 0;
        static final int DEFINITIONS = 1;
        static final int DEFINITIONS_WITH_LOCATIONS = 2;
        static final int FILES = 3;
        static final int HIGHEST_PRIO = 4;
        static final int IS_DEFINED = 5;

        private final List<String> loc;
        private final NixAttrs type;
        private final Lazy readOnly;
        private final Lazy apply;
        private final NixAttrs opt;
        private final String file;
        private final List<Def> defs;
        private Merged merged;
        private boolean merging;
        /** The option's value, {@code apply} applied: the one thunk config and options share. */
        final Lazy value;

        EvaluatedOption(List<String> loc, NixAttrs type, NixAttrs opt, String file, List<Def> defs) {
            this.loc = loc;
            this.type = type;
            this.readOnly = opt.get("readOnly");
            this.apply = opt.get("apply");
            this.opt = opt;
            this.file = file;
            this.defs = defs;
            this.value = new OptionValue(loc, this);
        }

        /** The definitions, the default first (as a definition of priority 1500) when there is one. */
        private List<Def> all() {
            Lazy defaultValue = opt.get("default");
            if (defaultValue == null) {
                return defs;
            }
            List<Def> withDefault = new ArrayList<>(defs.size() + 1);
            withDefault.add(new Def(file, Properties.mkOverride(
                    Properties.prio(Properties.OPTION_DEFAULT_PRIORITY), defaultValue), opt.positionOf("default")));
            withDefault.addAll(defs);
            return withDefault;
        }

        /** The value: the merged definitions, {@code apply} applied. */
        @Override
        public Value get() {
            Lazy m = merged().value();
            return apply == null ? m.force() : ev.apply(apply.force(), m, Pos.NONE);
        }

        Merged merged() {
            Merged m = merged;
            if (m != null) {
                return m;
            }
            if (merging) {
                throw new EvalError("infinite recursion encountered", null);
            }
            merging = true;
            try {
                List<Def> all = all();
                if (readOnly != null && readOnly.force() == NixBool.TRUE && all.size() > 1) {
                    List<Def> separate = new ArrayList<>();
                    for (Def d : all) {
                        separate.add(d.withValue(new Merged(ev, loc, type, List.of(d)).value()));
                    }
                    throw NixValues.thrown("The option `" + Messages.showOption(loc)
                            + "' is read-only, but it's set multiple times. Definition values:" + Messages.showDefs(ev, separate));
                }
                m = new Merged(ev, loc, type, all);
            } finally {
                merging = false;
            }
            merged = m;
            return m;
        }

        Lazy field(int which) {
            return which == TO_STRING
                    ? new NixPrimOp("showOption", 1, (e, a, p) -> NixString.ofText(Messages.showOption(loc)))
                    : new Field(this, which);
        }

        Value compute(int which) {
            return switch (which) {
                case DEFINITIONS -> {
                    List<Def> fin = merged().finalDefs();
                    Lazy[] out = new Lazy[fin.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = fin.get(i).value();
                    }
                    yield new NixList(out);
                }
                case DEFINITIONS_WITH_LOCATIONS -> merged().finalDefsValue();
                case FILES -> {
                    List<Def> fin = merged().finalDefs();
                    Lazy[] out = new Lazy[fin.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = NixValues.fileString(fin.get(i).file());
                    }
                    yield new NixList(out);
                }
                case HIGHEST_PRIO -> merged().highestPrioValue();
                case IS_DEFINED -> NixValues.bool(merged().isDefined());
                default -> throw new IllegalArgumentException("no option field " + which);
            };
        }

    }

    /** One of the lazily computed attributes of an evaluated option. */
    private static final class Field extends Thunk {
        private EvaluatedOption option;
        private final int which;

        Field(EvaluatedOption option, int which) {
            this.option = option;
            this.which = which;
        }

        @Override
        protected Value compute() {
            return option.compute(which);
        }

        @Override
        protected void evaluated() {
            option = null;
        }
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
