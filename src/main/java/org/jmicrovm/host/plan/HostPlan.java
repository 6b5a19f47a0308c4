package org.jmicrovm.host.plan;

import java.util.List;

/** The plan of a switch: one {@link VmPlan} per VM name, sorted by name. */
public record HostPlan(List<VmPlan> vms) {

    public HostPlan {
        vms = List.copyOf(vms);
    }

    /** The plan as {@code microvm-host plan} prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        int width = vms.stream().mapToInt(p -> p.name().value().length()).max().orElse(0);
        for (VmPlan vm : vms) {
            out.append(String.format("%-" + Math.max(width, 1) + "s  %s", vm.name(), vm.action().word()));
            if (vm.interruptsGuest()) {
                out.append("  [interrupts the guest]");
            }
            if (vm.touchesState()) {
                out.append("  [changes its state directory]");
            }
            out.append('\n');
            for (Step step : vm.steps()) {
                out.append("    - ").append(step.describe()).append('\n');
            }
            for (String change : vm.changes()) {
                out.append("    ~ ").append(change).append('\n');
            }
            for (String note : vm.notes()) {
                out.append("    · ").append(note).append('\n');
            }
        }
        return out.toString();
    }
}
