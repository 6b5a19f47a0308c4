package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * One {@code evalModules} call: the modules collected, the option tree merged from them, the
 * configuration as a lazy fixed point, and the checks that every definition has a declaration.
 * Nothing is computed before it is needed.
 */
final class Evaluation {

    static final String INTERNAL_FILE = "lib/modules.nix";
    private static final Set<String> ARGUMENTS = Set.of("modules", "prefix", "specialArgs", "class", "args", "check");

    private final ModuleEngine engine;
    private final Evaluator ev;
    private final NixAttrs rawArgs;
    private final NixList modules;
    private final List<Lazy> regularModules;
    private final List<String> prefix;
    private final NixAttrs specialArgs;
    private final Value clazz;

    private final Lazy config = new Thunk.Of(Pos.NONE, this::computeConfig);
    private final Memo<ModuleCollector.Collected> collected = new Memo<>(this::collect);
    private final Memo<Level> root = new Memo<>(this::buildRoot);
    private final Memo<Boolean> checked = new Memo<>(this::checkUnmatched);
    private final Lazy type = new Thunk.Of(Pos.NONE, this::computeType);
    private final Memo<NixAttrs> result = new Memo<>(this::buildResult);

    Evaluation(ModuleEngine engine, NixAttrs rawArgs) {
        this.engine = engine;
        this.ev = engine.evaluator();
        this.rawArgs = rawArgs;
        for (int i = 0; i < rawArgs.size(); i++) {
            String name = rawArgs.name(i);
            if (!ARGUMENTS.contains(name)) {
                throw new EvalError("function 'evalModules' called with unexpected argument '"
                        + ByteStrings.toText(name) + "'", Pos.NONE);
            }
        }
        Lazy m = rawArgs.get("modules");
        if (m == null) {
            throw new EvalError("function 'evalModules' called without required argument 'modules'", Pos.NONE);
        }
        this.modules = Force.list(m, Pos.NONE);
        this.prefix = rawArgs.has("prefix") ? NixValues.stringList(rawArgs.get("prefix").force(), Pos.NONE) : List.of();
        this.specialArgs = rawArgs.has("specialArgs") ? Force.attrs(rawArgs.get("specialArgs"), Pos.NONE) : NixAttrs.EMPTY;
        this.clazz = rawArgs.has("class") ? rawArgs.get("class").force() : NixNull.NULL;
        List<Lazy> regular = new ArrayList<>(modules.asList());
        if (rawArgs.has("args")) {
            warn("The args argument to evalModules is deprecated. Please set config._module.args instead.");
            regular.add(NixValues.attrs("config", NixValues.attrs("_module", NixValues.attrs("args", rawArgs.get("args")))));
        }
        if (rawArgs.has("check")) {
            warn("The check argument to evalModules is deprecated. Please set config._module.check instead.");
            regular.add(NixValues.attrs("config", NixValues.attrs("_module", NixValues.attrs("check",
                    Properties.mkOverride(Properties.prio(1000), rawArgs.get("check"))))));
        }
        this.regularModules = List.copyOf(regular);
    }

    private void warn(String message) {
        ev.trace("evaluation warning: " + message);
    }

    Evaluator evaluator() {
        return ev;
    }

    Types types() {
        return engine.types();
    }

    OptionDecls optionDecls() {
        return engine.optionDecls();
    }

    List<String> prefix() {
        return prefix;
    }

    // ----- module arguments and collection ---------------------------------------------

    private static final String[] MODULE_ARG_NAMES = {"_class", "_prefix", "config", "lib", "options", "specialArgs"};

    private NixAttrs moduleArgs() {
        NixAttrs base = NixValues.sortedAttrs(MODULE_ARG_NAMES,
                clazz,
                TypeOps.locValue(prefix),
                config,
                engine.lib(),
                NixValues.lazy(() -> root.get().optionsAttrs()),
                specialArgs);
        return base.update(specialArgs);
    }

    private ModuleCollector.Collected collect() {
        String modulesPath = specialArgs.has("modulesPath")
                ? NixValues.toStringText(ev, specialArgs.get("modulesPath").force()) : "";
        List<Lazy> all = new ArrayList<>(regularModules);
        all.add(internalModule());
        return new ModuleCollector(ev, clazz, modulesPath, moduleArgs(), config, prefix).collect(all);
    }

    /** The module every evaluation includes: the {@code _module.*} options, and their values for this evaluation. */
    private NixAttrs internalModule() {
        NixAttrs config = NixValues.attrs("_module", NixValues.attrs(
                "args", NixValues.attrs("extendModules", extendModulesFunction(), "moduleType", type),
                "specialArgs", specialArgs));
        return NixValues.attrs("_file", NixString.ofText(INTERNAL_FILE), "key", NixString.ofText(INTERNAL_FILE),
                "options", engine.internalOptions(!prefix.isEmpty()), "config", config);
    }

    /** The declarations of the internal module ({@code _module.args} is internal below a prefix). */
    static NixAttrs internalOptions(Types t, boolean argsInternal) {
        NixAttrs.Builder argsOpt = NixAttrs.builder(4)
                .put("_type", NixValues.ascii("option"))
                .put("type", NixValues.lazy(() -> t.lazyAttrsOf(t.raw())))
                .put("description", NixValues.str(
                        "Additional arguments passed to each module besides `lib`, `config`, `options` and the"
                        + " `specialArgs`. Submodules do not inherit them from their parent, except `name`, the"
                        + " attribute name under which the submodule is bound. Unlike `specialArgs`, these cannot"
                        + " be used in `imports`."));
        if (argsInternal) {
            argsOpt.put("internal", NixBool.TRUE);
        }
        return NixValues.attrs("_module", NixValues.attrs(
                "args", argsOpt.build(),
                "check", NixValues.attrs("_type", NixValues.ascii("option"), "type", NixValues.lazy(t::bool),
                        "internal", NixBool.TRUE, "default", NixBool.TRUE,
                        "description", NixValues.str("Whether to check that every option definition has a matching declaration.")),
                "freeformType", NixValues.attrs("_type", NixValues.ascii("option"),
                        "type", NixValues.lazy(() -> t.nullOr(t.optionType())),
                        "internal", NixBool.TRUE, "default", NixNull.NULL,
                        "description", NixValues.str("If set, definitions without a declared option are merged with this"
                                + " type and become part of `config`; otherwise they are errors (unless"
                                + " `_module.check` is off).")),
                "specialArgs", NixValues.attrs("_type", NixValues.ascii("option"), "readOnly", NixBool.TRUE,
                        "internal", NixBool.TRUE,
                        "description", NixValues.str("The `specialArgs` given to `evalModules`: module arguments that"
                                + " are available in `imports` and cannot be changed by the configuration."))));
    }

    private Level buildRoot() {
        List<Module> ms = new ArrayList<>(collected.get().modules()).reversed();
        List<Decl> decls = new ArrayList<>(ms.size());
        for (Module m : ms) {
            decls.add(new Decl(m.file(), m.options(), Pos.NONE));
        }
        return new Level(this, prefix, decls, () -> {
            List<Level.Config> configs = new ArrayList<>();
            for (Module m : ms) {
                for (Lazy c : Properties.pushDown(m.config())) {
                    configs.add(new Level.Config(m.file(), c));
                }
            }
            return configs;
        });
    }

    // ----- config ----------------------------------------------------------------------

    private Value computeConfig() {
        Level level = root.get();
        NixAttrs declared = level.configAttrs();
        if (internalDefault("freeformType")) {
            return declared; // no freeform type
        }
        Value freeformType = freeformType(declared);
        if (freeformType instanceof NixNull) {
            return declared;
        }
        List<Def> defs = new ArrayList<>();
        for (Level.Unmatched u : level.unmatched()) {
            defs.add(u.def().withValue(setAttrByPath(u.prefix(), u.def().value())));
        }
        if (defs.isEmpty()) {
            return recursiveUpdate(NixAttrs.EMPTY, declared);
        }
        Value freeform = TypeOps.merge(ev, Force.attrs(freeformType, Pos.NONE), prefix, defs);
        return recursiveUpdate(Force.attrs(freeform, Pos.NONE), declared);
    }

    /**
     * Whether the internal option {@code _module.NAME} has its default ({@code check}: true,
     * {@code freeformType}: null) because no module defines it: the usual case, decided without
     * making and merging the option.
     */
    private boolean internalDefault(String name) {
        Level level = root.get();
        return level.declares("_module") && level.node("_module") instanceof Level module
                && module.undefinedOptionOf(name, INTERNAL_FILE);
    }

    private static Value freeformType(NixAttrs declared) {
        Value module = NixValues.select(declared, "_module", Pos.NONE);
        return NixValues.select(module, "freeformType", Pos.NONE);
    }

    static NixAttrs setAttrByPath(List<String> path, Lazy value) {
        Lazy v = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            v = new NixAttrs(new String[] {path.get(i)}, new Lazy[] {v}, null);
        }
        return (NixAttrs) v;
    }

    /** {@code lib.recursiveUpdate}: the right side wins, except where both sides are sets. */
    static NixAttrs recursiveUpdate(NixAttrs left, NixAttrs right) {
        if (left.isEmpty()) {
            return right;
        }
        NixAttrs.Builder b = NixAttrs.builder(left.size() + right.size());
        for (int i = 0; i < left.size(); i++) {
            String name = left.name(i);
            Lazy l = left.value(i);
            Lazy r = right.get(name);
            if (r == null) {
                b.put(name, l, left.position(i));
            } else {
                b.put(name, new Thunk.Of(Pos.NONE, () -> {
                    Value lv = l.force();
                    Value rv = r.force();
                    return lv instanceof NixAttrs la && rv instanceof NixAttrs ra ? recursiveUpdate(la, ra) : rv;
                }), right.positionOf(name));
            }
        }
        for (int i = 0; i < right.size(); i++) {
            if (!left.has(right.name(i))) {
                b.put(right.name(i), right.value(i), right.position(i));
            }
        }
        return b.build();
    }

    /** The complete configuration ({@code _module} included), the {@code config} modules receive. */
    Lazy config() {
        return config;
    }

    private boolean checkUnmatched() {
        NixAttrs cfg = Force.attrs(config, Pos.NONE);
        if (!internalDefault("check") || !internalDefault("freeformType")) {
            Value module = NixValues.select(cfg, "_module", Pos.NONE);
            boolean check = Force.bool(NixValues.select(module, "check", Pos.NONE), Pos.NONE);
            if (!check || !(NixValues.select(module, "freeformType", Pos.NONE) instanceof NixNull)) {
                return true;
            }
        }
        List<Level.Unmatched> unmatched = root.get().unmatched();
        if (unmatched.isEmpty()) {
            return true;
        }
        Level.Unmatched first = unmatched.get(0);
        List<String> path = new ArrayList<>(prefix);
        path.addAll(first.prefix());
        String optText = Messages.showOption(path);
        String defText;
        try {
            defText = Messages.showDefs(ev, List.of(first.def()));
        } catch (EvalError e) {
            EvalError.frame(e, Pos.NONE, "while evaluating a definition from `" + first.def().file() + "'");
            throw (EvalError) EvalError.frame(e, Pos.NONE, "while evaluating the error message for definitions for `"
                    + optText + "', which is an option that does not exist");
        }
        String base = "The option `" + optText + "' does not exist. Definition values:" + defText;
        String hint = Suggestions.closestOptions(root.get(), first.prefix(), prefix);
        List<String> topNames = root.get().names();
        if (topNames.size() == 1 && topNames.get(0).equals("_module")) {
            if (prefix.isEmpty()) {
                throw NixValues.thrown(base + "\n\nIt seems as if you're trying to declare an option by placing it"
                        + " into `config' rather than `options'!\n" + hint);
            }
            throw NixValues.thrown(base + "\n\nHowever there are no options defined in `" + Messages.showOption(prefix)
                    + "'. Are you sure you've\ndeclared your options properly? This can happen if you e.g. declared your"
                    + " options in `types.submodule'\nunder `config' rather than `options'.\n" + hint);
        }
        throw NixValues.thrown(base + hint);
    }

    /** {@code checked} in nixpkgs: every definition matched a declaration (or was freeform). */
    void ensureChecked() {
        checked.get();
    }

    // ----- results ---------------------------------------------------------------------

    NixAttrs result() {
        return result.get();
    }

    private NixAttrs buildResult() {
        return NixValues.attrs(
                "_type", NixValues.ascii("configuration"),
                "options", NixValues.lazy(() -> {
                    ensureChecked();
                    return root.get().optionsAttrs();
                }),
                "config", NixValues.lazy(this::checkedConfig),
                "_module", NixValues.lazy(() -> {
                    ensureChecked();
                    return NixValues.select(config.force(), "_module", Pos.NONE);
                }),
                "graph", NixValues.lazy(this::graph),
                "extendModules", extendModulesFunction(),
                "type", type,
                "class", clazz);
    }

    /** {@code config} without {@code _module}, after the check for undeclared definitions. */
    NixAttrs checkedConfig() {
        ensureChecked();
        NixAttrs full = Force.attrs(config, Pos.NONE);
        int i = full.indexOf("_module");
        if (i < 0) {
            return full;
        }
        String[] names = new String[full.size() - 1];
        Lazy[] values = new Lazy[full.size() - 1];
        for (int j = 0, k = 0; j < full.size(); j++) {
            if (j != i) {
                names[k] = full.name(j);
                values[k++] = full.value(j);
            }
        }
        return new NixAttrs(names, values, null);
    }

    private Value computeType() {
        return engine.types().submoduleWith(NixValues.attrs("modules", modules, "specialArgs", specialArgs, "class", clazz));
    }

    private NixPrimOp extendModulesFunction() {
        return new NixPrimOp("extendModules", 1, (e, a, pos) -> {
            NixAttrs ext = Force.attrs(a[0], pos);
            for (String name : ext.names()) {
                if (!Set.of("modules", "specialArgs", "prefix").contains(name)) {
                    throw new EvalError("function 'extendModules' called with unexpected argument '"
                            + ByteStrings.toText(name) + "'", pos);
                }
            }
            return extend(ext.has("modules") ? Force.list(ext.get("modules"), pos) : NixList.EMPTY,
                    ext.has("specialArgs") ? Force.attrs(ext.get("specialArgs"), pos) : NixAttrs.EMPTY,
                    ext.get("prefix")).result();
        });
    }

    /** {@code extendModules}: the same evaluation with more modules, special arguments, another prefix. */
    Evaluation extend(NixList moreModules, NixAttrs moreSpecialArgs, Lazy newPrefix) {
        List<Lazy> all = new ArrayList<>(regularModules);
        all.addAll(moreModules.asList());
        NixAttrs changed = newPrefix == null
                ? NixValues.attrs("modules", NixValues.list(all), "specialArgs", specialArgs.update(moreSpecialArgs))
                : NixValues.attrs("modules", NixValues.list(all), "specialArgs", specialArgs.update(moreSpecialArgs),
                        "prefix", newPrefix);
        return new Evaluation(engine, rawArgs.update(changed));
    }

    private Value graph() {
        ModuleCollector.Collected c = collected.get();
        List<Lazy> out = new ArrayList<>();
        for (ModuleCollector.Structured s : c.tree()) {
            if (!s.key().equals(INTERNAL_FILE)) {
                out.add(graphOf(s, c.disabledKeys()));
            }
        }
        return NixValues.list(out);
    }

    private static NixAttrs graphOf(ModuleCollector.Structured s, Set<String> disabled) {
        List<Lazy> imports = new ArrayList<>();
        for (ModuleCollector.Structured child : s.children()) {
            imports.add(graphOf(child, disabled));
        }
        return NixValues.attrs("disabled", NixValues.bool(disabled.contains(s.key())), "key", NixValues.str(s.key()),
                "file", NixValues.str(s.module().file()), "imports", NixValues.list(imports));
    }

    /** The root of the option tree (for listings and suggestions). */
    Level root() {
        return root.get();
    }
}
