package org.jmicrovm.module.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.LambdaCode;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixLambda;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/**
 * Loads modules and their imports ({@code collectModules}): functions are applied to the module
 * arguments, paths imported, every form brought to a {@link Module}; imports are followed
 * recursively, then the modules are put in nixpkgs' order (breadth first, each key once, disabled
 * ones left out).
 */
final class ModuleCollector {

    static final String UNKNOWN_FILE = "<unknown-file>";

    private static final Set<String> FULL_MODULE_ATTRS = Set.of(
            "_class", "_file", "key", "disabledModules", "imports", "options", "config", "meta", "freeformType");
    private static final Set<String> SHORTHAND_REMOVED = Set.of(
            "_class", "_file", "key", "disabledModules", "require", "imports", "freeformType");

    /** A module with the modules it imports, before deduplication. */
    record Structured(String key, Module module, List<Structured> children) {}

    /** A module's {@code disabledModules}, with the file that lists them. */
    record Disabled(String file, List<Lazy> entries) {}

    /** The result: modules in evaluation order, plus the import tree for {@code graph}. */
    record Collected(List<Module> modules, List<Structured> tree, Set<String> disabledKeys) {}

    private final Evaluator ev;
    private final Value clazz;
    private final String modulesPath;
    private final NixAttrs args;
    private final Lazy config;
    private final List<String> prefix;

    ModuleCollector(Evaluator ev, Value clazz, String modulesPath, NixAttrs args, Lazy config, List<String> prefix) {
        this.ev = ev;
        this.clazz = clazz;
        this.modulesPath = modulesPath;
        this.args = args;
        this.config = config;
        this.prefix = prefix;
    }

    Collected collect(List<Lazy> initial) {
        List<Disabled> disabled = new ArrayList<>();
        List<Structured> tree = structured(UNKNOWN_FILE, "", initial, disabled);
        Set<String> keys = disabledKeys(disabled);
        List<Module> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Structured> queue = new ArrayDeque<>();
        for (Structured s : tree) {
            if (!keys.contains(s.key())) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            Structured s = queue.removeFirst();
            if (!seen.add(s.key())) {
                continue;
            }
            ordered.add(s.module());
            for (Structured c : s.children()) {
                if (!keys.contains(c.key())) {
                    queue.addLast(c);
                }
            }
        }
        return new Collected(ordered, tree, keys);
    }

    private List<Structured> structured(String parentFile, String parentKey, List<Lazy> modules, List<Disabled> disabled) {
        List<Structured> out = new ArrayList<>(modules.size());
        int n = 0;
        for (Lazy m : modules) {
            n++;
            Module module = checkClass(load(parentFile, parentKey + ":anon-" + n, m));
            if (!module.disabledModules().isEmpty()) {
                disabled.add(new Disabled(module.file(), module.disabledModules()));
            }
            List<Structured> children = structured(module.file(), module.key(), module.imports(), disabled);
            out.add(new Structured(module.key(), module, children));
        }
        return out;
    }

    private Module checkClass(Module m) {
        if (clazz instanceof NixNull || m.clazz() instanceof NixNull) {
            return m;
        }
        String expected = Force.string(clazz, Pos.NONE);
        String actual = Force.string(m.clazz(), Pos.NONE);
        if (expected.equals(actual)) {
            return m;
        }
        throw NixValues.thrown("The module `" + m.file() + "` (class: " + quoted(actual)
                + ") cannot be imported into a module evaluation that expects class " + quoted(expected) + ".\n\n"
                + "Help:\n- Ensure that you are importing the correct module.\n"
                + "- Verify that the module's `_class`, " + quoted(actual) + " matches the expected `class` "
                + quoted(expected) + ".\n"
                + "- If you are using a custom class, make sure it is correctly defined and used consistently across your modules.");
    }

    private static String quoted(String bytes) {
        return ByteStrings.toText(Messages.escapeNixStringBytes(bytes));
    }

    /** {@code loadModule}: any of the forms a module can take, in canonical form. */
    Module load(String fallbackFile, String fallbackKey, Lazy lazy) {
        Value m = lazy.force();
        if (NixValues.isFunction(ev, m)) {
            return unify(fallbackFile, fallbackKey, applyArgs(fallbackKey, m));
        }
        if (m instanceof NixAttrs a) {
            String tag = NixValues.typeTag(a);
            if (tag.isEmpty() && !a.has("_type") || tag.equals("module")) {
                return unify(fallbackFile, fallbackKey, a);
            }
            if (tag.equals("if") || tag.equals("override")) {
                return load(fallbackFile, fallbackKey, NixValues.attrs("config", a));
            }
            throw NixValues.thrown(notAModule(fallbackFile, ByteStrings.toText(tag)));
        }
        if (m instanceof NixList) {
            throw NixValues.thrown("Module imports can't be nested lists. Perhaps you meant to remove one level of lists? Definitions: "
                    + Messages.showDefs(ev, List.of(new Def(fallbackFile, m, Pos.NONE))).stripLeading());
        }
        String file = ByteStrings.toText(ev.coerceToString(m, Pos.NONE, false, false));
        Value imported = importModule(m, file);
        Value applied = NixValues.isFunction(ev, imported) ? applyArgs(file, imported) : imported;
        return unify(file, file, applied);
    }

    private Value importModule(Value m, String file) {
        String path = m instanceof NixPath p ? p.bytes() : ByteStrings.fromText(file);
        return ev.importPath(path, Pos.NONE);
    }

    private String notAModule(String fallbackFile, String type) {
        StringBuilder b = new StringBuilder("Expected a module, but found a value of type \"").append(type).append('"');
        if (fallbackFile != null && !fallbackFile.equals(UNKNOWN_FILE)) {
            b.append(", while trying to load a module into ").append(fallbackFile);
        }
        if (!prefix.isEmpty()) {
            b.append(", while trying to load a module into ").append(Messages.showOption(prefix));
        }
        b.append(".\nA module is typically loaded by adding it to the `imports = [ ... ];` attribute of an existing module,"
                + " or in the `modules = [ ... ];` argument of various functions.\n"
                + "Please make sure that each of the list items is a module, and not a different kind of value.");
        if (type.equals("configuration")) {
            b.append("\n\nIf you really mean to import this configuration, import the modules that make it up instead.");
        } else if (type.equals("flake")) {
            b.append("\n\nPerhaps you forgot to select an attribute, such as `.nixosModules.default`?");
        }
        return b.toString();
    }

    /**
     * {@code applyModuleArgs}: calls a module function with the module arguments, plus, for every
     * formal argument that is not one of them, the value from {@code config._module.args}.
     */
    private Value applyArgs(String key, Value f) {
        if (f instanceof NixLambda l) {
            // the usual module function: only the formals that are not module arguments need adding
            NixAttrs.Builder missing = null;
            for (LambdaCode.Formal formal : l.code().formals()) {
                if (args.get(formal.name()) == null) {
                    if (missing == null) {
                        missing = NixAttrs.builder(4);
                    }
                    missing.put(formal.name(), fromModuleArgs(key, formal.name()));
                }
            }
            return ev.apply(f, missing == null ? args : args.update(missing.build()), Pos.NONE);
        }
        NixAttrs formals = NixValues.functionArgs(ev, f);
        NixAttrs given = args;
        if (!formals.isEmpty()) {
            NixAttrs.Builder extra = NixAttrs.builder(formals.size());
            for (int i = 0; i < formals.size(); i++) {
                String name = formals.name(i);
                Lazy provided = args.get(name);
                extra.put(name, provided != null ? provided : fromModuleArgs(key, name));
            }
            given = args.update(extra.build());
        }
        return ev.apply(f, given, Pos.NONE);
    }

    private Lazy fromModuleArgs(String key, String name) {
        return new Thunk.Of(Pos.NONE, () -> {
            try {
                Value cfg = config.force();
                Value module = NixValues.select(cfg, "_module", Pos.NONE);
                Value moduleArgs = NixValues.select(module, "args", Pos.NONE);
                Lazy v = Force.attrs(moduleArgs, Pos.NONE).get(name);
                if (v == null) {
                    throw new EvalError("attribute '" + ByteStrings.toText(name) + "' missing", Pos.NONE);
                }
                return v.force();
            } catch (NixException e) {
                EvalError.frame(e, Pos.NONE, "noting that argument `" + ByteStrings.toText(name)
                        + "` is not externally provided, so querying `_module.args` instead, requiring `config`");
                throw EvalError.frame(e, Pos.NONE, "while evaluating the module argument `"
                        + ByteStrings.toText(name) + "' in \"" + key + "\":");
            }
        });
    }

    /** {@code unifyModuleSyntax}: a full module or the shorthand form, in canonical form. */
    Module unify(String file, String key, Value value) {
        if (!(value instanceof NixAttrs m)) {
            throw NixValues.thrown("module " + file + " (" + key + ") does not look like a module.");
        }
        Lazy fileAttr = m.get("_file");
        Lazy classAttr = m.get("_class");
        Lazy keyAttr = m.get("key");
        Lazy disabledAttr = m.get("disabledModules");
        String realFile = fileAttr != null ? NixValues.toStringText(ev, fileAttr.force()) : file;
        Value clazz = classAttr != null ? classAttr.force() : NixNull.NULL;
        String realKey = keyAttr != null ? NixValues.toStringText(ev, keyAttr.force()) : key;
        List<Lazy> disabled = disabledAttr != null ? NixValues.elements(disabledAttr.force(), Pos.NONE) : List.of();
        if (m.has("config") || m.has("options")) {
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                if (!FULL_MODULE_ATTRS.contains(m.name(i))) {
                    bad.add(ByteStrings.toText(m.name(i)));
                }
            }
            if (!bad.isEmpty()) {
                throw NixValues.thrown("Module `" + realKey + "' has an unsupported attribute `" + bad.get(0)
                        + "'. This is caused by introducing a top-level `config' or `options' attribute. Add configuration"
                        + " attributes immediately on the top level instead, or move all of them (namely: "
                        + String.join(" ", bad) + ") into the explicit `config' attribute.");
            }
            List<Lazy> imports = m.has("imports") ? NixValues.elements(m.get("imports").force(), Pos.NONE) : List.of();
            Lazy options = m.has("options") ? m.get("options") : NixAttrs.EMPTY;
            Lazy config = m.has("config") ? m.get("config") : NixAttrs.EMPTY;
            config = withMeta(m, config);
            config = withFreeformType(m, config);
            return new Module(realFile, clazz, realKey, disabled, imports, options, config);
        }
        List<Lazy> imports = new ArrayList<>();
        if (m.has("require")) {
            imports.addAll(NixValues.elements(m.get("require").force(), Pos.NONE));
        }
        if (m.has("imports")) {
            imports.addAll(NixValues.elements(m.get("imports").force(), Pos.NONE));
        }
        NixAttrs.Builder rest = NixAttrs.builder(m.size());
        for (int i = 0; i < m.size(); i++) {
            if (!SHORTHAND_REMOVED.contains(m.name(i))) {
                rest.put(m.name(i), m.value(i), m.position(i));
            }
        }
        Lazy config = withFreeformType(m, rest.build());
        return new Module(realFile, clazz, realKey, disabled, List.copyOf(imports), NixAttrs.EMPTY, config);
    }

    private static Lazy withMeta(NixAttrs m, Lazy config) {
        if (!m.has("meta")) {
            return config;
        }
        return Properties.mkMerge(NixValues.list(config, NixValues.attrs("meta", m.get("meta"))));
    }

    private static Lazy withFreeformType(NixAttrs m, Lazy config) {
        if (!m.has("freeformType")) {
            return config;
        }
        NixAttrs freeform = NixValues.attrs("_module", NixValues.attrs("freeformType", m.get("freeformType")));
        return Properties.mkMerge(NixValues.list(config, freeform));
    }

    /** The keys named by all {@code disabledModules} entries ({@code isDisabled}'s moduleKey). */
    private Set<String> disabledKeys(List<Disabled> disabled) {
        Set<String> keys = new HashSet<>();
        for (Disabled d : disabled) {
            for (Lazy entry : d.entries()) {
                keys.add(disabledKey(d.file(), entry.force()));
            }
        }
        return keys;
    }

    private String disabledKey(String file, Value m) {
        if (m instanceof NixString s) {
            String text = ByteStrings.toText(s.bytes());
            return text.startsWith("/") ? text : modulesPath + "/" + text;
        }
        if (isConvertibleWithToString(m)) {
            String asString = NixValues.toStringText(ev, m);
            if (m instanceof NixAttrs a && a.has("key")) {
                String key = NixValues.toStringText(ev, a.get("key").force());
                if (!key.equals(asString)) {
                    throw NixValues.thrown("Module `" + file + "` contains a disabledModules item that is an attribute set"
                            + " that can be converted to a string (" + asString + ") but also has a `.key` attribute ("
                            + key + ") with a different value. This makes it ambiguous which module should be disabled.");
                }
            }
            return asString;
        }
        if (m instanceof NixAttrs a && a.has("key")) {
            return NixValues.toStringText(ev, a.get("key").force());
        }
        if (m instanceof NixAttrs) {
            throw NixValues.thrown("Module `" + file + "` contains a disabledModules item that is an attribute set,"
                    + " presumably a module, that does not have a `key` attribute. This means that the module system"
                    + " doesn't have any means to identify the module that should be disabled. Make sure that you've"
                    + " put the correct value in disabledModules: a string path relative to modulesPath, a path value,"
                    + " or an attribute set with a `key` attribute.");
        }
        throw NixValues.thrown("Each disabledModules item must be a path, string, or a attribute set with a key attribute,"
                + " or a value supported by toString. However, one of the disabledModules items in `" + file
                + "` is none of that, but is of type " + m.typeName() + ".");
    }

    private static boolean isConvertibleWithToString(Value v) {
        if (NixValues.isStringLike(v)) {
            return true;
        }
        return switch (v.typeName()) {
            case "null", "int", "float", "bool" -> true;
            case "list" -> {
                for (Lazy e : ((NixList) v).array()) {
                    if (!isConvertibleWithToString(e.force())) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }
}
