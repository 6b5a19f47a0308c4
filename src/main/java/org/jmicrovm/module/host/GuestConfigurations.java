package org.jmicrovm.module.host;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.model.InvalidSpecException;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.engine.NixValues;

/**
 * A guest configuration evaluated elsewhere, such as a flake's {@code nixosConfigurations.<name>}
 * (a {@code nixpkgs.lib.nixosSystem} result), read into a {@link MicroVmSpec} after its assertions.
 */
public final class GuestConfigurations {

    private GuestConfigurations() {}

    /**
     * @param name          the VM's name
     * @param configuration an evaluation result ({@code _type = "configuration"}) of the guest schema
     */
    public static MicroVmSpec spec(ModuleSystem system, String name, Value configuration) {
        try {
            return read(system, name, configuration);
        } catch (org.jmicrovm.lang.NixException e) {
            throw GuestOptionAdvice.addToGuest(e);
        }
    }

    private static MicroVmSpec read(ModuleSystem system, String name, Value configuration) {
        return system.nix().onEvalThread(() -> {
            Evaluator ev = system.nix().evaluator();
            NixAttrs conf = Force.attrs(configuration, Pos.NONE);
            if (!"configuration".equals(NixValues.typeTag(conf))) {
                throw new ConfigurationException("vm " + name + ": expected an evaluated configuration (such as the result of"
                        + " nixpkgs.lib.nixosSystem), got " + conf.describe());
            }
            Cfg config = new Cfg(ev, Force.attrs(NixValues.select(conf, "config", Pos.NONE), Pos.NONE), "");
            List<String> failed = failedAssertions(config);
            if (!failed.isEmpty()) {
                throw new ConfigurationException("Failed assertions:\n- " + String.join("\n- ", failed));
            }
            try {
                return new GuestSpecReader(name, Platform.fromNixSystem(systemOf(conf, null)), config).read();
            } catch (InvalidSpecException e) {
                throw new ConfigurationException(DefinitionSites.prefixed(
                        Force.attrs(NixValues.select(conf, "options", Pos.NONE), Pos.NONE), e.optionPath(),
                        "vm " + name + ": " + e.getMessage()), e);
            }
        });
    }

    static List<String> failedAssertions(Cfg config) {
        List<String> out = new ArrayList<>();
        if (config.has("assertions")) {
            for (Cfg a : config.list("assertions")) {
                if (!a.bool("assertion")) {
                    out.add(a.str("message"));
                }
            }
        }
        return out;
    }

    /** The system of a guest evaluation: from the package set it was given ({@code vmPkgs}, else its {@code pkgs} argument). */
    static String systemOf(NixAttrs evaluation, Value vmPkgs) {
        Value pkgs = vmPkgs;
        if (pkgs == null || pkgs instanceof NixNull) {
            Value module = NixValues.select(evaluation, "_module", Pos.NONE);
            pkgs = NixValues.select(NixValues.select(module, "args", Pos.NONE), "pkgs", Pos.NONE);
        }
        NixAttrs p = Force.attrs(pkgs, Pos.NONE);
        if (p.has("stdenv")) {
            Value platform = NixValues.select(NixValues.select(p, "stdenv", Pos.NONE), "hostPlatform", Pos.NONE);
            return NixValues.text(NixValues.select(platform, "system", Pos.NONE), Pos.NONE);
        }
        return NixValues.text(NixValues.select(p, "system", Pos.NONE), Pos.NONE);
    }
}
