package org.jmicrovm.module;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.SearchPathEntry;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.ast.Source;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.ImportProvider;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.Thunk;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.engine.LibPrimitives;
import org.jmicrovm.module.engine.ModuleEngine;
import org.jmicrovm.module.engine.NixValues;
import org.jmicrovm.module.pkgs.PackageCatalogue;
import org.jmicrovm.module.pkgs.PackageSet;

/**
 * What jmicrovm adds to one evaluation session: the built-in tree below {@link #ROOT} ({@code lib},
 * {@code nixpkgs}, the schemas, all read from resources), the {@code nixpkgs} and {@code microvm}
 * inputs in scope, and the module engine. Bound to the session's evaluator once it exists.
 */
final class Session implements ImportProvider {

    /** Where built-in Nix files live; no such directory exists on disk. */
    static final Path ROOT = Path.of("/jmicrovm-builtin");
    static final String LIB_RESOURCES = "org/jmicrovm/module/lib/";
    static final String SCHEMA_RESOURCES = "org/jmicrovm/module/schema/";

    private final PackageCatalogue catalogue;
    private Evaluator ev;
    private ModuleEngine engine;
    private Lazy lib;
    private final Map<String, Value> files = new HashMap<>();
    private final Map<String, NixAttrs> packageSets = new HashMap<>();
    private BuiltinParses parses = new BuiltinParses(Path.of(System.getProperty("user.home", "/")));

    Session(PackageCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The options of a session with jmicrovm's built-ins on top of {@code base}. */
    EvalOptions install(EvalOptions base) {
        parses = new BuiltinParses(base.homeDir());
        Map<Path, ImportProvider> provided = new LinkedHashMap<>(base.providedImports());
        provided.put(ROOT, this);
        List<SearchPathEntry> searchPath = new ArrayList<>();
        searchPath.add(new SearchPathEntry("nixpkgs", ROOT.resolve("nixpkgs").toString()));
        searchPath.add(new SearchPathEntry("microvm", ROOT.resolve("microvm").toString()));
        searchPath.addAll(base.searchPath());
        Map<String, Value> scope = new LinkedHashMap<>(base.extraScope());
        scope.put("nixpkgs", nixpkgsInput());
        scope.put("microvm", microvmInput());
        return base.withProvidedImports(provided).withSearchPath(searchPath).withExtraScope(scope);
    }

    void bind(Evaluator evaluator) {
        if (ev == evaluator) {
            return;
        }
        ev = evaluator;
        engine = new ModuleEngine(evaluator, () -> lib.force());
        files.clear();
        packageSets.clear();
        lib = new Thunk.Of(Pos.NONE, () -> {
            Value f = ev.importPath(ByteStrings.fromText(ROOT.resolve("lib/default.nix").toString()), Pos.NONE);
            NixAttrs prim = LibPrimitives.of(engine).update(NixValues.attrs("nixosSystem", nixosSystemFunction()));
            return ev.apply(f, prim, Pos.NONE);
        });
    }

    ModuleEngine engine() {
        requireBound();
        return engine;
    }

    Value lib() {
        requireBound();
        return lib.force();
    }

    private void requireBound() {
        if (ev == null) {
            throw new IllegalStateException("the jmicrovm session is not bound to an evaluator yet");
        }
    }

    // ----- the built-in tree -------------------------------------------------------------

    @Override
    public Value provide(Evaluator evaluator, String relative) {
        bind(evaluator);
        parses.start();
        String rel = relative.replace('\\', '/');
        switch (rel) {
            case "lib", "nixpkgs/lib", "nixpkgs/lib/default.nix" -> {
                return lib();
            }
            case "nixpkgs", "nixpkgs/default.nix" -> {
                return nixpkgsFunction();
            }
            case "microvm", "microvm/default.nix" -> {
                return microvmInput();
            }
            default -> { }
        }
        String resource = resourceOf(rel);
        return resource == null ? null : resourceFile(rel, resource);
    }

    /** The resource holding built-in file {@code rel} (below {@link #ROOT}), or null. */
    static String resourceOf(String rel) {
        if (rel.startsWith("lib/")) {
            return LIB_RESOURCES + rel.substring(4);
        }
        if (rel.startsWith("schema/")) {
            return SCHEMA_RESOURCES + rel.substring(7);
        }
        return null;
    }

    private Value resourceFile(String rel, String resource) {
        Value cached = files.get(rel);
        if (cached != null) {
            return cached;
        }
        Expr parsed = parses.get(rel);
        Value v;
        if (parsed != null) {
            v = ev.evalExpr(parsed);
        } else {
            String text = readResource(resource);
            if (text == null) {
                return null;
            }
            v = ev.evalSource(Source.ofFile(ROOT.resolve(rel), text));
        }
        files.put(rel, v);
        return v;
    }

    static String readResource(String resource) {
        try (InputStream in = Session.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvalError("cannot read built-in file " + resource + ": " + e.getMessage(), Pos.NONE);
        }
    }

    // ----- nixpkgs and microvm ----------------------------------------------------------

    static NixPath schemaPath(String file) {
        return NixPath.of(ROOT.resolve("schema").resolve(file));
    }

    /** The value bound to {@code microvm}: the schemas as {@code nixosModules}, also directly as {@code host}. */
    NixAttrs microvmInput() {
        NixAttrs modules = NixValues.attrs("host", schemaPath("host.nix"), "microvm", schemaPath("guest.nix"),
                "default", schemaPath("host.nix"));
        return NixValues.attrs(
                "outPath", NixValues.str(ROOT.resolve("microvm").toString()),
                "nixosModules", modules,
                "host", schemaPath("host.nix"),
                "microvm", schemaPath("guest.nix"));
    }

    /** The value bound to {@code nixpkgs}: importable (a package set per system) and with {@code lib}. */
    NixAttrs nixpkgsInput() {
        NixAttrs.Builder legacy = NixAttrs.builder();
        for (String system : catalogue.systems()) {
            legacy.put(ByteStrings.fromText(system), NixValues.lazy(() -> pkgs(system)));
        }
        return NixValues.attrs(
                "outPath", NixValues.str(ROOT.resolve("nixpkgs").toString()),
                "lib", NixValues.lazy(this::lib),
                "legacyPackages", legacy.build());
    }

    /** {@code import nixpkgs}: {@code { system ? builtins.currentSystem, ... }: pkgs}. */
    private Value nixpkgsFunction() {
        return new NixPrimOp("nixpkgs", 1, (e, a, pos) -> {
            NixAttrs args = Force.attrs(a[0], pos);
            Lazy system = args.get("system");
            if (system == null && args.has("localSystem")) {
                system = NixValues.get(Force.attrs(args.get("localSystem"), pos), "system");
            }
            for (String name : args.names()) {
                if (!List.of("system", "localSystem", "config", "overlays").contains(ByteStrings.toText(name))) {
                    throw NixValues.thrown("not supported by jmicrovm: the argument `" + ByteStrings.toText(name)
                            + "' of the built-in nixpkgs");
                }
            }
            if (args.has("overlays") && Force.list(args.get("overlays"), pos).size() > 0) {
                throw NixValues.thrown("not supported by jmicrovm: overlays on the built-in nixpkgs");
            }
            String s = system == null ? e.options().currentSystem() : ByteStrings.toText(Force.string(system, pos));
            return pkgs(s);
        });
    }

    NixAttrs pkgs(String system) {
        NixAttrs set = packageSets.get(system);
        if (set == null) {
            if (!catalogue.systems().contains(system)) {
                throw NixValues.thrown("not supported by jmicrovm: package sets for system \"" + system
                        + "\"; the built-in nixpkgs has " + String.join(", ", catalogue.systems()));
            }
            set = PackageSet.create(system, lib, ROOT.resolve("nixpkgs").toString(), catalogue);
            packageSets.put(system, set);
        }
        return set;
    }

    /** {@code nixpkgs.lib.nixosSystem}: a guest configuration evaluated against jmicrovm's guest options. */
    private NixPrimOp nixosSystemFunction() {
        return new NixPrimOp("nixosSystem", 1, (e, a, pos) -> {
            NixAttrs args = Force.attrs(a[0], pos);
            List<String> known = List.of("system", "modules", "specialArgs", "pkgs", "extraModules", "prefix");
            for (String name : args.names()) {
                if (!known.contains(ByteStrings.toText(name))) {
                    throw NixValues.thrown("not supported by jmicrovm: the argument `" + ByteStrings.toText(name)
                            + "' of nixosSystem (supported: " + String.join(", ", known) + ")");
                }
            }
            Lazy pkgs = args.get("pkgs");
            if (pkgs == null || pkgs.force() instanceof NixNull) {
                Lazy system = args.get("system");
                String s = system == null || system.force() instanceof NixNull ? e.options().currentSystem()
                        : ByteStrings.toText(Force.string(system, pos));
                pkgs = pkgs(s);
            }
            List<Lazy> modules = new ArrayList<>();
            modules.add(schemaPath("guest.nix"));
            modules.add(NixValues.attrs("_file", NixValues.str("jmicrovm: nixosSystem"),
                    "_module", NixValues.attrs("args", NixValues.attrs("pkgs", pkgs))));
            if (args.has("modules")) {
                modules.addAll(Force.list(args.get("modules"), pos).asList());
            }
            if (args.has("extraModules")) {
                modules.addAll(Force.list(args.get("extraModules"), pos).asList());
            }
            NixAttrs.Builder eval = NixAttrs.builder(3);
            eval.put("modules", NixList.of(modules));
            eval.put("specialArgs", args.has("specialArgs") ? args.get("specialArgs") : NixAttrs.EMPTY);
            if (args.has("prefix")) {
                eval.put("prefix", args.get("prefix"));
            }
            NixAttrs result = engine.evalModules(eval.build());
            // The arguments, so that `microvm-host --flake REF#NAME` can evaluate the same modules as a host
            // (with the host options instead of the guest ones) without forcing this evaluation. Unlisted, so
            // that attrNames, toJSON and printing show the attributes real nixpkgs returns and nothing else.
            Lazy callArgs = a[0];
            return result.update(NixValues.attrs("pkgs", pkgs))
                    .withUnlisted(name -> name.equals(ModuleSystem.NIXOS_SYSTEM_ARGS) ? callArgs : null);
        });
    }

}
