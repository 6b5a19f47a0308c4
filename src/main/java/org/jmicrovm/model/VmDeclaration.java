package org.jmicrovm.model;

import java.util.Optional;

/**
 * One entry of the host's {@code microvm.vms}, in one of the seed's two modes.
 */
public sealed interface VmDeclaration permits VmDeclaration.FullyDeclarative, VmDeclaration.FlakeDeployment {

    /** The VM's name: the attribute of {@code microvm.vms}, its state directory name. */
    String name();

    /** {@code autostart}: started with the host (listed in {@code microvm.autostart}). */
    boolean autostart();

    /** {@code restartIfChanged}: a host switch restarts the VM when it changed. */
    boolean restartIfChanged();

    /** {@code rollbackOnFailure}: a VM a switch (re)started that does not come up goes back to its previous runner. */
    boolean rollbackOnFailure();

    /**
     * Fully declarative: the guest configuration is part of the host configuration ({@code config},
     * or an already evaluated {@code evaluatedConfig}) and follows it on every switch.
     *
     * @param spec the guest as evaluated
     */
    record FullyDeclarative(String name, MicroVmSpec spec, boolean autostart, boolean restartIfChanged,
                            boolean rollbackOnFailure) implements VmDeclaration {
        public FullyDeclarative {
            Require.text(name, "microvm.vms.<name>");
            Require.present(spec, "microvm.vms." + name + ".config");
            if (!spec.name().equals(name)) {
                throw new InvalidSpecException("microvm.vms." + name, "the spec is named " + spec.name());
            }
        }
    }

    /**
     * Declarative deployment: the guest is {@code nixosConfigurations.<name>} of a flake, installed once
     * and then updated imperatively ({@code microvm -u}) from {@code updateFlake}.
     *
     * @param flake       the flake the VM is built from with the host (a path or flake reference)
     * @param updateFlake the flake reference recorded for later updates
     */
    record FlakeDeployment(String name, String flake, Optional<String> updateFlake, boolean autostart,
                           boolean restartIfChanged, boolean rollbackOnFailure) implements VmDeclaration {
        public FlakeDeployment {
            Require.text(name, "microvm.vms.<name>");
            Require.text(flake, "microvm.vms." + name + ".flake");
            Require.optionalText(updateFlake, "microvm.vms." + name + ".updateFlake");
        }
    }
}
