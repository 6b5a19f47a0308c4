package org.jmicrovm.module.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.engine.NixValues;

/**
 * Evaluates a host configuration file: the host schema ({@code microvm.nixosModules.host}) plus the
 * file, with {@code pkgs} the host's package set and {@code nixpkgs}, {@code microvm} and
 * {@code self} as module arguments (also usable in {@code imports}). {@code nixpkgs} and
 * {@code microvm} are in the file's scope as well, so the seed's examples evaluate unchanged.
 */
public final class HostEvaluator {

    private final ModuleSystem system;

    public HostEvaluator(ModuleSystem system) {
        this.system = system;
    }

    /** The evaluation of {@code hostFile}; nothing is forced yet beyond what the module system needs. */
    public EvaluatedHost evaluate(Path hostFile) {
        Path file = hostFile.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new ConfigurationException("host configuration " + file + " does not exist");
        }
        return system.nix().onEvalThread(() -> {
            String hostSystem = system.nix().options().currentSystem();
            NixAttrs pkgsModule = NixValues.attrs(
                    "_file", NixValues.str("jmicrovm: the host's package set (" + hostSystem + ")"),
                    "_module", NixValues.attrs("args", NixValues.attrs("pkgs",
                            NixValues.attrs("_type", NixValues.str("override"), "priority", NixValues.integer(1000),
                                    "content", NixValues.lazy(() -> system.packageSet(hostSystem))))));
            NixAttrs self = NixValues.attrs(
                    "outPath", NixValues.str(file.getParent().toString()),
                    "nixosConfigurations", NixAttrs.EMPTY);
            NixAttrs specialArgs = NixValues.attrs(
                    "nixpkgs", system.nixpkgsInput(),
                    "microvm", system.microvmInput(),
                    "self", self);
            NixAttrs args = NixValues.attrs(
                    "modules", NixValues.list(List.of(ModuleSystem.schemaModule("host.nix"), NixPath.of(file), pkgsModule)),
                    "specialArgs", specialArgs);
            Value result = system.engine().evalModules(args);
            return new EvaluatedHost(system, file, (NixAttrs) result);
        });
    }
}
