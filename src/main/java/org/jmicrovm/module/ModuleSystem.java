package org.jmicrovm.module;

import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.engine.ModuleEngine;
import org.jmicrovm.module.pkgs.BuiltinPackages;
import org.jmicrovm.module.pkgs.PackageCatalogue;

/**
 * A Nix evaluator with jmicrovm's module system: {@code lib} (with {@code evalModules} and the option
 * types), the built-in inputs {@code nixpkgs} and {@code microvm} in the scope of every file (and
 * {@code <nixpkgs>} on the search path), and the host and guest schemas. This is the entry point of
 * everything that evaluates configurations.
 */
public final class ModuleSystem implements AutoCloseable {

    private final NixEvaluator nix;
    private final Session session;

    private ModuleSystem(NixEvaluator nix, Session session) {
        this.nix = nix;
        this.session = session;
    }

    public static ModuleSystem create(EvalOptions base) {
        return create(base, new BuiltinPackages());
    }

    public static ModuleSystem create(EvalOptions base, PackageCatalogue catalogue) {
        Session session = new Session(catalogue);
        NixEvaluator nix = new NixEvaluator(session.install(base));
        nix.onEvalThread(() -> {
            session.bind(nix.evaluator());
            return null;
        });
        return new ModuleSystem(nix, session);
    }

    /** The evaluator; values it returns are lazy and must be forced on its thread. */
    public NixEvaluator nix() {
        return nix;
    }

    /** The {@code lib} Nix code sees (call on the evaluation thread, or through {@link NixEvaluator#onEvalThread}). */
    public Value lib() {
        return nix.onEvalThread(session::lib);
    }

    public ModuleEngine engine() {
        return nix.onEvalThread(session::engine);
    }

    /** The path under which a schema file is visible to Nix code, e.g. {@code host.nix}. */
    public static Path schemaFile(String name) {
        return Session.ROOT.resolve("schema").resolve(name);
    }

    Session session() {
        return session;
    }

    /** The value bound to {@code nixpkgs} in every file (build it on the evaluation thread). */
    public NixAttrs nixpkgsInput() {
        return session.nixpkgsInput();
    }

    /** The value bound to {@code microvm}: {@code nixosModules.{host,microvm}}, also as {@code host}/{@code microvm}. */
    public NixAttrs microvmInput() {
        return session.microvmInput();
    }

    /** {@code import nixpkgs { inherit system; }} (call on the evaluation thread). */
    public NixAttrs packageSet(String system) {
        return session.pkgs(system);
    }

    /** Where a {@code nixpkgs.lib.nixosSystem} result keeps the arguments it was called with. */
    public static final String NIXOS_SYSTEM_ARGS = "_jmicrovmNixosSystemArgs";

    /** A schema module as a path value, e.g. {@code host.nix} or {@code guest.nix}. */
    public static NixPath schemaModule(String name) {
        return Session.schemaPath(name);
    }

    @Override
    public void close() {
        nix.close();
    }
}
