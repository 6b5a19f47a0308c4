package org.jmicrovm.module.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.model.HostConfig;
import org.jmicrovm.model.InvalidSpecException;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.VmDeclaration;
import org.jmicrovm.model.VmNames;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.engine.NixValues;

/**
 * An evaluated host configuration. {@link #model()} checks every assertion (the host's and each
 * fully declarative VM's) as NixOS does and reads the result into {@code model} records;
 * {@link #valueAt} reads single values for {@code microvm-host eval}.
 */
public final class EvaluatedHost {

    private final ModuleSystem system;
    private final Evaluator ev;
    private final Path file;
    private final NixAttrs result;

    EvaluatedHost(ModuleSystem system, Path file, NixAttrs result) {
        this.system = system;
        this.ev = system.nix().evaluator();
        this.file = file;
        this.result = result;
    }

    public Path file() {
        return file;
    }

    /** The evaluation result ({@code config}, {@code options}, …); force it on the evaluation thread. */
    public NixAttrs result() {
        return result;
    }

    private NixAttrs config() {
        return Force.attrs(result.get("config"), Pos.NONE);
    }

    /** The host's configuration as data, after all assertions hold. */
    public HostConfig model() {
        try {
            return readModel();
        } catch (NixException e) {
            throw GuestOptionAdvice.addTo(e);
        }
    }

    private HostConfig readModel() {
        return system.nix().onEvalThread(() -> {
            Cfg config = new Cfg(ev, config(), "");
            List<String> failed = new ArrayList<>(failedAssertions(config, ""));
            Cfg microvm = config.sub("microvm");
            checkNames(microvm);
            Map<String, Guest> guests = new LinkedHashMap<>();
            for (Map.Entry<String, Cfg> vm : microvm.entries("vms").entrySet()) {
                Guest g = guestOf(vm.getKey(), vm.getValue());
                if (g != null) {
                    guests.put(vm.getKey(), g);
                    failed.addAll(failedAssertions(g.config(), "microvm.vms." + vm.getKey() + ".config: "));
                }
            }
            if (!failed.isEmpty()) {
                throw new ConfigurationException("Failed assertions:\n- " + String.join("\n- ", failed));
            }
            Map<String, VmDeclaration> vms = new LinkedHashMap<>();
            for (Map.Entry<String, Cfg> vm : microvm.entries("vms").entrySet()) {
                vms.put(vm.getKey(), declaration(vm.getKey(), vm.getValue(), guests.get(vm.getKey())));
            }
            Cfg host = microvm.sub("host");
            try {
                Map<String, HostBridge> bridges = new LinkedHashMap<>();
                for (Map.Entry<String, Cfg> b : host.entries("bridges").entrySet()) {
                    Cfg bridge = b.getValue();
                    Cfg dhcp = bridge.sub("dhcp");
                    bridges.put(b.getKey(), bridge.make(() -> new HostBridge(b.getKey(), bridge.strings("interfaces"),
                            bridge.strings("addresses"), bridge.bool("nat"), dhcp.bool("enable")
                                    ? new HostBridge.Dhcp(dhcp.optStr("start").orElse(null),
                                            dhcp.optStr("end").orElse(null), dhcp.bool("dns"), dhcp.stringMap("hosts"))
                                    : null,
                            bridge.list("forwardPorts").stream().map(f -> new HostBridge.PortForward(f.str("proto"),
                                    f.sub("host").optStr("address").orElse(null), f.sub("host").integer("port"),
                                    f.sub("guest").str("address"), f.sub("guest").integer("port"))).toList())));
                }
                return new HostConfig(host.bool("enable"), host.integer("startupTimeout"), host.bool("useNotifySockets"),
                        microvm.pathText("stateDir"), microvm.strings("autostart"), vms, bridges);
            } catch (InvalidSpecException e) {
                throw new ConfigurationException(DefinitionSites.prefixed(Force.attrs(result.get("options"), Pos.NONE),
                        e.optionPath(), e.getMessage()), e);
            }
        });
    }

    /**
     * Every name in {@code microvm.vms} must be usable as a directory, unit and interface name. Checked before
     * any guest is evaluated, because a guest's defaults (its host name, its machine id) are derived from its
     * name and would fail first with a message about them instead.
     */
    private void checkNames(Cfg microvm) {
        NixAttrs vms = microvm.sub("vms").attrs();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            String name = org.jmicrovm.lang.eval.ByteStrings.toText(vms.name(i));
            String problem = VmNames.problemWith(name);
            if (problem != null) {
                problems.add(definitionOf(name).map(p -> p + ": ").orElse("")
                        + org.jmicrovm.module.engine.Messages.showOption(List.of("microvm", "vms", name)) + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("\n", problems)
                    + "\n(hint: a VM's name becomes its directory under the state directory and part of its unit"
                    + " and interface names; rename the attribute)");
        }
    }

    /** Where the attribute {@code name} of {@code microvm.vms} is defined, from the option's definitions. */
    private java.util.Optional<Pos> definitionOf(String name) {
        try {
            Value defs = NixValues.select(NixValues.select(NixValues.select(Force.attrs(result.get("options"), Pos.NONE),
                    "microvm", Pos.NONE), "vms", Pos.NONE), "definitionsWithLocations", Pos.NONE);
            for (org.jmicrovm.lang.eval.Lazy d : Force.list(defs, Pos.NONE).array()) {
                Value value = NixValues.select(Force.attrs(d.force(), Pos.NONE), "value", Pos.NONE);
                if (value.force() instanceof NixAttrs set && set.indexOf(name) >= 0
                        && set.position(set.indexOf(name)).isKnown()) {
                    return java.util.Optional.of(set.position(set.indexOf(name)));
                }
            }
        } catch (NixException e) {
            // the position only improves the message; the name is wrong either way
        }
        return java.util.Optional.empty();
    }

    /** Warnings of the host and of every fully declarative VM, to be shown to the user. */
    public List<String> warnings() {
        return system.nix().onEvalThread(() -> {
            Cfg config = new Cfg(ev, config(), "");
            List<String> out = new ArrayList<>(config.has("warnings") ? config.strings("warnings") : List.of());
            for (Map.Entry<String, Cfg> vm : config.sub("microvm").entries("vms").entrySet()) {
                Guest g = guestOf(vm.getKey(), vm.getValue());
                if (g != null && g.config().has("warnings")) {
                    out.addAll(g.config().strings("warnings"));
                }
            }
            return out;
        });
    }

    /** A VM's guest: its evaluated {@code config} and system, or null for a flake deployment. */
    private record Guest(Cfg config, String system, NixAttrs evaluation) {

        /** The problem, at the place in the user's files where the rejected value was written when known. */
        String located(String vm, InvalidSpecException e) {
            return DefinitionSites.prefixed(Force.attrs(NixValues.select(evaluation, "options", Pos.NONE), Pos.NONE),
                    e.optionPath(), "vm " + vm + ": " + e.getMessage());
        }
    }

    private Guest guestOf(String name, Cfg vm) {
        if (!(vm.value("flake") instanceof NixNull)) {
            return null;
        }
        Value evaluated = vm.value("evaluatedConfig");
        if (!(evaluated instanceof NixNull)) {
            NixAttrs conf = Force.attrs(evaluated, Pos.NONE);
            NixAttrs guestConfig = Force.attrs(NixValues.select(conf, "config", Pos.NONE), Pos.NONE);
            return new Guest(new Cfg(ev, guestConfig, ""), systemOf(conf, null), conf);
        }
        Value evaluation = vm.value("config");
        if (evaluation instanceof NixNull) {
            return null;
        }
        NixAttrs conf = Force.attrs(evaluation, Pos.NONE);
        NixAttrs guestConfig = Force.attrs(NixValues.select(conf, "config", Pos.NONE), Pos.NONE);
        Value pkgs = vm.value("pkgs");
        return new Guest(new Cfg(ev, guestConfig, ""), systemOf(conf, pkgs), conf);
    }

    private static String systemOf(NixAttrs evaluation, Value vmPkgs) {
        return GuestConfigurations.systemOf(evaluation, vmPkgs);
    }

    private VmDeclaration declaration(String name, Cfg vm, Guest guest) {
        boolean autostart = vm.bool("autostart");
        boolean restart = vm.bool("restartIfChanged");
        boolean rollback = vm.bool("rollbackOnFailure");
        try {
            if (!(vm.value("flake") instanceof NixNull)) {
                return new VmDeclaration.FlakeDeployment(name, vm.pathText("flake"), vm.optStr("updateFlake"), autostart, restart,
                        rollback);
            }
            if (guest == null) {
                throw new ConfigurationException("vm " + name + ": neither `config' (a fully declarative VM) nor `flake'"
                        + " (a declarative deployment) is set in microvm.vms." + name);
            }
            MicroVmSpec spec = new GuestSpecReader(name, Platform.fromNixSystem(guest.system()), guest.config()).read();
            return new VmDeclaration.FullyDeclarative(name, spec, autostart, restart, rollback);
        } catch (InvalidSpecException e) {
            throw new ConfigurationException(guest == null ? "vm " + name + ": " + e.getMessage() : guest.located(name, e), e);
        } catch (NixException e) {
            EvaluatedHost.frame(e, "while reading the configuration of VM `" + name + "'");
            throw e;
        }
    }

    private static void frame(NixException e, String what) {
        org.jmicrovm.lang.eval.EvalError.frame(e, Pos.NONE, what);
    }

    private static List<String> failedAssertions(Cfg config, String prefix) {
        List<String> out = new ArrayList<>();
        for (String message : GuestConfigurations.failedAssertions(config)) {
            out.add(prefix + message);
        }
        return out;
    }

    /**
     * The value at {@code path} below {@code config}, where {@code microvm.vms.<name>.config} stands
     * for that VM's evaluated guest configuration (its {@code config}), as in {@code microvm-host eval}.
     */
    public Value valueAt(List<String> path) {
        return system.nix().onEvalThread(() -> {
            Value v = config();
            for (int i = 0; i < path.size(); i++) {
                String name = path.get(i);
                Value next = NixValues.select(v, name, Pos.NONE);
                if (i == 3 && path.get(0).equals("microvm") && path.get(1).equals("vms") && name.equals("config")
                        && "configuration".equals(NixValues.typeTag(next))) {
                    next = NixValues.select(next, "config", Pos.NONE);
                }
                v = next;
            }
            return v;
        });
    }

}
