package org.jmicrovm.module.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixNull;
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
            NixAttrs self = NixValues.attrs(
                    "outPath", NixValues.str(file.getParent().toString()),
                    "nixosConfigurations", NixAttrs.EMPTY);
            NixAttrs specialArgs = NixValues.attrs(
                    "nixpkgs", system.nixpkgsInput(),
                    "microvm", system.microvmInput(),
                    "self", self);
            NixAttrs args = NixValues.attrs(
                    "modules", NixValues.list(List.of(ModuleSystem.schemaModule("host.nix"), NixPath.of(file),
                            pkgsModule(hostSystem, NixValues.lazy(() -> system.packageSet(hostSystem))))),
                    "specialArgs", specialArgs);
            Value result = system.engine().evalModules(args);
            return new EvaluatedHost(system, file, (NixAttrs) result);
        });
    }

    /**
     * A host defined in a flake: {@code configuration} is its {@code nixosConfigurations.<name>}, a
     * {@code nixpkgs.lib.nixosSystem} call, whose modules are evaluated here as a host (the host options,
     * not a guest's), as {@code nixos-rebuild --flake} evaluates a host. {@code self} is the flake; the
     * call's own {@code specialArgs} win over the defaults ({@code nixpkgs}, {@code microvm}, {@code self}).
     *
     * @param origin the host's {@code flake.nix}, for messages and what lives beside it
     * @param what   how to name the configuration in errors, e.g. {@code path:/etc/nixos#nixosConfigurations.host}
     */
    public EvaluatedHost evaluateNixosSystem(Lazy configuration, NixAttrs self, Path origin, String what) {
        return system.nix().onEvalThread(() -> {
            NixAttrs evaluated = Force.attrs(configuration, Pos.NONE);
            if (!NixValues.has(evaluated, ModuleSystem.NIXOS_SYSTEM_ARGS)) {
                throw new ConfigurationException(what + " is not a host configuration made by nixpkgs.lib.nixosSystem"
                        + " (it has: " + String.join(", ", evaluated.names()) + ")");
            }
            NixAttrs call = Force.attrs(NixValues.select(evaluated, ModuleSystem.NIXOS_SYSTEM_ARGS, Pos.NONE), Pos.NONE);
            Lazy pkgs;
            String hostSystem;
            if (NixValues.has(call, "pkgs") && !(call.get("pkgs").force() instanceof NixNull)) {
                pkgs = call.get("pkgs");
                hostSystem = "given pkgs";
            } else {
                hostSystem = NixValues.has(call, "system") && !(call.get("system").force() instanceof NixNull)
                        ? Force.string(call.get("system"), Pos.NONE)
                        : system.nix().options().currentSystem();
                String s = hostSystem;
                pkgs = NixValues.lazy(() -> system.packageSet(s));
            }
            List<Lazy> modules = new ArrayList<>();
            modules.add(ModuleSystem.schemaModule("host.nix"));
            modules.add(pkgsModule(hostSystem, pkgs));
            for (String list : List.of("modules", "extraModules")) {
                if (NixValues.has(call, list)) {
                    modules.addAll(Force.list(call.get(list), Pos.NONE).asList());
                }
            }
            NixAttrs specialArgs = NixValues.attrs(
                    "nixpkgs", system.nixpkgsInput(),
                    "microvm", system.microvmInput(),
                    "self", self);
            if (NixValues.has(call, "specialArgs")) {
                specialArgs = specialArgs.update(Force.attrs(call.get("specialArgs"), Pos.NONE));
            }
            NixAttrs.Builder args = NixAttrs.builder(3);
            args.put("modules", NixValues.list(modules));
            args.put("specialArgs", specialArgs);
            if (NixValues.has(call, "prefix")) {
                args.put("prefix", call.get("prefix"));
            }
            NixAttrs result = (NixAttrs) system.engine().evalModules(args.build());
            NixAttrs microvmOptions = Force.attrs(NixValues.select(
                    Force.attrs(NixValues.select(result, "options", Pos.NONE), Pos.NONE), "microvm", Pos.NONE), Pos.NONE);
            if (NixValues.has(microvmOptions, "hypervisor")) {
                throw new ConfigurationException(what + " is a MicroVM's configuration (it imports"
                        + " microvm.nixosModules.microvm), not a host's; name the host's configuration, the one that"
                        + " imports microvm.nixosModules.host and declares microvm.vms");
            }
            return new EvaluatedHost(system, origin, result);
        });
    }

    /** {@code pkgs} at {@code mkDefault} priority, as NixOS sets it from {@code nixpkgs.pkgs}. */
    private static NixAttrs pkgsModule(String hostSystem, Lazy pkgs) {
        return NixValues.attrs(
                "_file", NixValues.str("jmicrovm: the host's package set (" + hostSystem + ")"),
                "_module", NixValues.attrs("args", NixValues.attrs("pkgs",
                        NixValues.attrs("_type", NixValues.str("override"), "priority", NixValues.integer(1000),
                                "content", pkgs))));
    }
}
