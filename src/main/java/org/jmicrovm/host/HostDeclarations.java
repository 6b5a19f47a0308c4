package org.jmicrovm.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeRef;
import org.jmicrovm.model.HostConfig;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.VmCollisions;
import org.jmicrovm.model.VmDeclaration;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostSettings;

/**
 * Turns an evaluated host configuration into what a switch builds: fully-declarative VMs
 * carry their spec already; a flake deployment's guest is evaluated from the flake's
 * {@code nixosConfigurations.<name>} now, with the host, as microvm.nix builds it with the host.
 */
public final class HostDeclarations {

    private HostDeclarations() {}

    /**
     * @param hostDir the directory of the host configuration file (or of the host's flake), against which
     *                relative flake references are resolved
     */
    public static Switch.Host of(HostConfig config, Path hostDir, FlakeEvaluator flakes, Consumer<String> progress) {
        return of(config, hostDir, flakes, progress, Optional.empty());
    }

    /**
     * The host's own flake, when the host configuration came from one: inside it {@code self} is its
     * source in the store, but a VM declared with {@code flake = self} (or a directory of it) gets the
     * flake's reference, so that its {@code flake} file names the flake the host was switched from and
     * {@code microvm -u} sees later commits.
     */
    public record HostFlake(Path source, FlakeRef ref) {
        /** The reference a VM's {@code flake} value stands for, when it is this flake or a directory of it. */
        public Optional<FlakeRef> reference(String flakeValue) {
            String src = source.toString();
            String path = flakeValue.startsWith("path:") ? flakeValue.substring("path:".length()) : flakeValue;
            if (path.equals(src) || path.equals(src + "/")) {
                return Optional.of(ref);
            }
            if (path.startsWith(src + "/")) {
                return Optional.of(ref.subdirectory(path.substring(src.length() + 1)));
            }
            return Optional.empty();
        }
    }

    /** @param hostFlake the flake the host configuration came from, if it did */
    public static Switch.Host of(HostConfig config, Path hostDir, FlakeEvaluator flakes, Consumer<String> progress,
                                 Optional<HostFlake> hostFlake) {
        List<Switch.Declared> vms = new ArrayList<>();
        for (VmDeclaration vm : config.vms().values()) {
            String problem = VmName.problemWith(vm.name());
            if (problem != null) {
                throw new IllegalArgumentException("microvm.vms." + vm.name() + ": " + problem);
            }
            VmName name = new VmName(vm.name());
            switch (vm) {
                case VmDeclaration.FullyDeclarative d ->
                        vms.add(new Switch.Declared.FullyDeclarative(name, d.spec(), d.restartIfChanged()));
                case VmDeclaration.FlakeDeployment f -> {
                    FlakeRef ref = hostFlake.flatMap(h -> h.reference(f.flake()))
                            .orElseGet(() -> FlakeRef.parse(f.flake(), hostDir));
                    progress.accept("evaluating " + ref.text() + "#nixosConfigurations." + f.name());
                    MicroVmSpec spec = flakes.guest(ref, f.name());
                    vms.add(new Switch.Declared.FlakeDeployment(name, spec, ref.text(), f.updateFlake(),
                            f.restartIfChanged()));
                }
            }
        }
        // now that the flake deployments' guests are known too: what two VMs of one host cannot share
        Map<String, MicroVmSpec> specs = new LinkedHashMap<>();
        for (Switch.Declared vm : vms) {
            if (vm instanceof Switch.Declared.FullyDeclarative d) {
                specs.put(d.name().value(), d.spec());
            } else if (vm instanceof Switch.Declared.FlakeDeployment f) {
                specs.put(f.name().value(), f.spec());
            }
        }
        VmCollisions.check(specs);
        List<String> rollback = config.vms().values().stream().filter(VmDeclaration::rollbackOnFailure)
                .map(VmDeclaration::name).toList();
        return new Switch.Host(vms, new HostSettings(config.autostart(), config.startupTimeout(), rollback,
                List.copyOf(config.bridges().values()), config.useNotifySockets()));
    }
}
