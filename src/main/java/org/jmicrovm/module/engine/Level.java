package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;

/**
 * One level of the option tree ({@code mergeModules'}): the option declarations found at a path,
 * grouped by name, and the definitions given there. Each name is either an option (its
 * declarations merged, its definitions evaluated against them) or a further level. Everything is
 * computed per name and on demand, so that option values may depend on each other freely as
 * long as there is no true cycle.
 */
final class Level implements Node {

    /** A configuration set given at this level by one module, properties already pushed down. */
    record Config(String file, Lazy config) {}

    /** A definition nobody declared, with its path below the level where {@code unmatched} was asked. */
    record Unmatched(Def def, List<String> prefix) {}

    private final Evaluation eval;
    final List<String> loc;
    private final List<Decl> decls;
    private final Memo<List<Config>> configs;
    private final Memo<Declared> declsByName = new Memo<>(this::groupDecls);
    private final Memo<Map<String, List<Def>>> rawDefs = new Memo<>(this::collectRawDefs);
    /** The declared names, sorted; the nodes made for them so far, by index. */
    private String[] sortedNames;
    private Node[] nodes;
    private boolean[] computing;
    private final Memo<NixAttrs> optionsAttrs = new Memo<>(this::buildOptions);
    private final Memo<NixAttrs> configAttrs = new Memo<>(this::buildConfig);
    private final Memo<List<Unmatched>> unmatched = new Memo<>(this::findUnmatched);

    Level(Evaluation eval, List<String> loc, List<Decl> decls, Supplier<List<Config>> configs) {
        this.eval = eval;
        this.loc = loc;
        this.decls = decls;
        this.configs = new Memo<>(configs);
    }

    /** The declarations at a level by name: the names sorted, each with its declarations in module order. */
    private record Declared(String[] names, List<List<Decl>> decls) {
        List<Decl> get(String name) {
            int i = java.util.Arrays.binarySearch(names, name, NixAttrs::compareNames);
            return i < 0 ? null : decls.get(i);
        }
    }

    private Declared groupDecls() {
        List<NixAttrs> subtrees = new ArrayList<>(decls.size());
        int declaring = 0;
        int only = -1;
        for (Decl decl : decls) {
            Value subtree = decl.options().force();
            if (!(subtree instanceof NixAttrs a)) {
                throw NixValues.thrown("An option declaration for `" + ByteStrings.toText(String.join(".", loc))
                        + "' has type\n`" + subtree.typeName() + "' rather than an attribute set.\n"
                        + "Did you mean to define this outside of `options'?\n");
            }
            if (!a.isEmpty()) {
                declaring++;
                only = subtrees.size();
            }
            subtrees.add(a);
        }
        if (declaring <= 1) {
            // at most one module declares anything here (the usual case below the top): its names as they are
            NixAttrs a = declaring == 0 ? NixAttrs.EMPTY : subtrees.get(only);
            String[] names = new String[a.size()];
            List<List<Decl>> byName = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                names[i] = a.name(i);
                byName.add(List.of(new Decl(decls.get(only).file(), a.value(i), a.position(i))));
            }
            return new Declared(names, byName);
        }
        TreeMap<String, List<Decl>> out = new TreeMap<>(NixAttrs::compareNames);
        for (int d = 0; d < decls.size(); d++) {
            NixAttrs a = subtrees.get(d);
            for (int i = 0; i < a.size(); i++) {
                out.computeIfAbsent(a.name(i), k -> new ArrayList<>(2)).add(new Decl(decls.get(d).file(), a.value(i), a.position(i)));
            }
        }
        return new Declared(out.keySet().toArray(new String[0]), new ArrayList<>(out.values()));
    }

    /** The declared names, sorted as Nix sorts attribute names. */
    List<String> names() {
        return List.of(namesArray());
    }

    /** The declared names, sorted (one array: the sets made from it must not modify it). */
    private String[] namesArray() {
        String[] ns = sortedNames;
        if (ns == null) {
            ns = declsByName.get().names();
            nodes = new Node[ns.length];
            computing = new boolean[ns.length];
            sortedNames = ns;
        }
        return ns;
    }

    boolean declares(String name) {
        return declsByName.get().get(name) != null;
    }

    private List<Config> checkedConfigs() {
        List<Config> cs = configs.get();
        for (Config c : cs) {
            Value v = c.config().force();
            if (!(v instanceof NixAttrs)) {
                String where = ByteStrings.toText(String.join(".", loc));
                throw NixValues.thrown("In module `" + c.file() + "', you're trying to define a value of type `"
                        + v.typeName() + "'\nrather than an attribute set for the option\n`" + where + "'!\n\n"
                        + "This usually happens if `" + where + "' has option\ndefinitions inside that are not matched."
                        + " Please check how to properly define\nthis option by e.g. referring to `man 5 configuration.nix'!\n");
            }
        }
        return cs;
    }

    private Map<String, List<Def>> collectRawDefs() {
        Map<String, List<Def>> out = new HashMap<>();
        for (Config c : checkedConfigs()) {
            NixAttrs a = (NixAttrs) c.config().force();
            for (int i = 0; i < a.size(); i++) {
                out.computeIfAbsent(a.name(i), k -> new ArrayList<>(1)).add(new Def(c.file(), a.value(i), a.position(i)));
            }
        }
        return out;
    }

    /** The definitions of {@code name} as given (properties not yet resolved). */
    private List<Def> defsOf(String name) {
        List<Def> d = rawDefs.get().get(name);
        return d == null ? List.of() : d;
    }

    /**
     * Whether {@code name} at this level is an option declared only in {@code file} that nobody
     * defines: its value is its default, known without merging anything.
     */
    boolean undefinedOptionOf(String name, String file) {
        List<Decl> ds = declsByName.get().get(name);
        return ds != null && ds.size() == 1 && ds.get(0).file().equals(file) && defsOf(name).isEmpty();
    }

    /** The configuration sets one level below, for a name that is not an option. */
    private List<Config> pushedDefsOf(String name) {
        List<Config> out = new ArrayList<>();
        for (Def def : defsOf(name)) {
            for (Lazy c : Properties.pushDown(def.value())) {
                out.add(new Config(def.file(), c));
            }
        }
        return out;
    }

    Node node(String name) {
        int i = java.util.Arrays.binarySearch(namesArray(), name, NixAttrs::compareNames);
        if (i < 0) {
            throw new IllegalStateException("no declaration of " + name + " at " + loc);
        }
        return nodeAt(i);
    }

    /** The node of the {@code i}th declared name, made once (asking for it while it is made is a cycle). */
    private Node nodeAt(int i) {
        String[] ns = namesArray();
        Node n = nodes[i];
        if (n != null) {
            return n;
        }
        if (computing[i]) {
            throw new EvalError("infinite recursion encountered", null);
        }
        computing[i] = true;
        try {
            n = computeNode(ns[i]);
        } finally {
            computing[i] = false;
        }
        nodes[i] = n;
        return n;
    }

    /** The declarations of {@code name} that are options ({@code _type = "option"}); any other tag is an error. */
    private List<Decl> optionDecls(String name, List<Decl> ds) {
        List<Decl> optionDecls = new ArrayList<>(ds.size());
        for (Decl d : ds) {
            Value v = d.options().force();
            if (v instanceof NixAttrs a && a.has("_type")) {
                String tag = NixValues.typeTag(a);
                if (!tag.equals("option")) {
                    throw declarationTypeError(append(loc, name), Force.string(a.get("_type"), Pos.NONE), d.file());
                }
                optionDecls.add(d);
            }
        }
        return optionDecls;
    }

    /**
     * Whether {@code name} is an option whose every declaration is one (the usual case), known
     * without making the option: the check for undeclared definitions only descends into levels.
     */
    private boolean isPlainOption(String name) {
        int i = java.util.Arrays.binarySearch(namesArray(), name, NixAttrs::compareNames);
        if (i >= 0 && nodes[i] != null) {
            return nodes[i] instanceof OptionNode;
        }
        List<Decl> ds = declsByName.get().get(name);
        for (Decl d : ds) {
            Value v = d.options().force();
            if (!(v instanceof NixAttrs a && a.has("_type"))) {
                return false;
            }
        }
        return optionDecls(name, ds).size() == ds.size(); // all tagged: the tags checked as computeNode does
    }

    private Node computeNode(String name) {
        List<Decl> ds = declsByName.get().get(name);
        List<String> childLoc = append(loc, name);
        List<Decl> optionDecls = optionDecls(name, ds);
        OptionDecls od = eval.optionDecls();
        if (optionDecls.size() == ds.size()) {
            return od.option(childLoc, ds, defsOf(name));
        }
        if (!optionDecls.isEmpty()) {
            boolean allSubmodules = true;
            for (Decl d : optionDecls) {
                NixAttrs opt = Force.attrs(d.options(), Pos.NONE);
                Lazy type = opt.get("type");
                if (type == null || !"submodule".equals(TypeOps.name(Force.attrs(type, Pos.NONE)))) {
                    allSubmodules = false;
                }
            }
            if (allSubmodules) {
                List<Decl> converted = new ArrayList<>();
                for (Decl d : ds) {
                    converted.add(OptionDecls.isOption(d.options().force()) ? d
                            : new Decl(d.file(), eval.types().optionTreeAsSubmodule(d.options()), d.pos()));
                }
                return od.option(childLoc, converted, defsOf(name));
            }
            Decl head = optionDecls.get(0);
            NixAttrs headOpt = Force.attrs(head.options(), Pos.NONE);
            String description = headOpt.has("type")
                    ? TypeOps.description(Force.attrs(headOpt.get("type"), Pos.NONE)) : "<no description>";
            List<String> lines = new ArrayList<>();
            for (Decl d : ds) {
                if (!OptionDecls.isOption(d.options().force())) {
                    for (String sub : Force.attrs(d.options(), Pos.NONE).names()) {
                        lines.add(" - option(s) with prefix `" + Messages.showOption(append(childLoc, sub))
                                + "' in module `" + d.file() + "'");
                    }
                }
            }
            lines.sort(null);
            throw NixValues.thrown("The option `" + Messages.showOption(childLoc) + "' in module `" + head.file()
                    + "' would be a parent of the following options, but its type `" + description
                    + "' does not support nested options.\n" + String.join("\n", lines));
        }
        return new Level(eval, childLoc, ds, () -> pushedDefsOf(name));
    }

    private static RuntimeException declarationTypeError(List<String> loc, String actualTag, String file) {
        String tag = ByteStrings.toText(actualTag);
        StringBuilder b = new StringBuilder("In module ").append(file)
                .append(": expected an option declaration at option path `").append(Messages.showOption(loc))
                .append("` but got an attribute set with type ").append(tag);
        if (tag.equals("option-type")) {
            String name = ByteStrings.toText(Messages.escapeNixIdentifierBytes(loc.get(loc.size() - 1)));
            b.append("\n\nWhen declaring an option, you must wrap the type in a `mkOption` call. It should look somewhat like:\n");
            if (loc.size() > 1) {
                b.append("    \n    # ").append(Messages.showOption(loc)).append('\n');
            }
            b.append("    ").append(name).append(" = lib.mkOption {\n      description = ...;\n      type = <the type you wrote for ")
                    .append(name).append(">;\n      ...\n    };\n");
        }
        return NixValues.thrown(b.toString());
    }

    static List<String> append(List<String> loc, String name) {
        return Loc.append(loc, name);
    }

    /** {@code matchedOptions} at this level, as the {@code options} set shows it. */
    NixAttrs optionsAttrs() {
        return optionsAttrs.get();
    }

    private NixAttrs buildOptions() {
        String[] ns = namesArray();
        Lazy[] values = new Lazy[ns.length];
        for (int i = 0; i < ns.length; i++) {
            values[i] = new NodeThunk(this, i, false);
        }
        return new NixAttrs(ns, values, null);
    }

    /** The declared part of {@code config} at this level: option values, and sets for sub-levels. */
    NixAttrs configAttrs() {
        return configAttrs.get();
    }

    private NixAttrs buildConfig() {
        String[] ns = namesArray();
        Lazy[] values = new Lazy[ns.length];
        for (int i = 0; i < ns.length; i++) {
            values[i] = new NodeThunk(this, i, true);
        }
        return new NixAttrs(ns, values, null);
    }

    /** Definitions below this level that no declaration matches, in nixpkgs' order (by name). */
    List<Unmatched> unmatched() {
        return unmatched.get();
    }

    private List<Unmatched> findUnmatched() {
        if (configs.get().isEmpty()) {
            return List.of();
        }
        // declared names (each classified, as nixpkgs forces each one's unmatched definitions) and
        // the undeclared defined ones, in name order
        Declared declared = declsByName.get();
        List<String> all = new ArrayList<>(declared.names().length + 4);
        all.addAll(java.util.Arrays.asList(declared.names()));
        boolean extra = false;
        for (String name : rawDefs.get().keySet()) {
            if (declared.get(name) == null) {
                all.add(name);
                extra = true;
            }
        }
        if (extra) {
            all.sort(NixAttrs::compareNames);
        }
        List<Unmatched> out = new ArrayList<>();
        for (String name : all) {
            if (declares(name)) {
                if (!isPlainOption(name) && node(name) instanceof Level sub) {
                    for (Unmatched u : sub.unmatched()) {
                        out.add(new Unmatched(u.def(), prepend(name, u.prefix())));
                    }
                }
            } else {
                for (Def d : defsOf(name)) {
                    out.add(new Unmatched(d, List.of(name)));
                }
            }
        }
        return out;
    }

    private static List<String> prepend(String name, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(name);
        out.addAll(rest);
        return List.copyOf(out);
    }

    /** The value of one name in this level's {@code config} (or {@code options}) set. */
    private static final class NodeThunk extends Thunk {
        private Level level;
        private final int index;
        private final boolean config;

        NodeThunk(Level level, int index, boolean config) {
            this.level = level;
            this.index = index;
            this.config = config;
        }

        @Override
        protected Value compute() {
            // instanceof, not a pattern switch: its bootstrap would spin a class outside the start-up cache
            Object node = level.nodeAt(index);
            if (node instanceof OptionNode o) {
                return config ? o.value().force() : o.option();
            }
            Level l = (Level) node;
            return config ? l.configAttrs() : l.optionsAttrs();
        }

        @Override
        protected void evaluated() {
            level = null;
        }
    }
}
