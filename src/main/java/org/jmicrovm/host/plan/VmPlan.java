package org.jmicrovm.host.plan;

import java.util.List;
import org.jmicrovm.state.VmName;

/**
 * What a switch does to one VM, and why.
 *
 * @param action the headline (what {@code plan} shows first)
 * @param steps the steps in the order {@code switch} carries them out; empty for {@link Action#NOTHING}
 * @param notes explanations that are not steps (why nothing happens, what a user may want to do)
 * @param changes what differs between the runner the VM runs (or has installed, when it is off) and the one it
 *                will have, in the words of its configuration ({@link DeclarationDiff}); empty when the runner
 *                stays
 */
public record VmPlan(VmName name, Action action, List<Step> steps, List<String> notes, List<String> changes) {

    public VmPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        changes = List.copyOf(changes);
    }

    public VmPlan(VmName name, Action action, List<Step> steps, List<String> notes) {
        this(name, action, steps, notes, List.of());
    }

    public enum Action {
        INSTALL("install"), UPDATE("update"), RESTART("restart"), START("start"), STOP("stop"), NOTHING("nothing");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public boolean touchesState() {
        return steps.stream().anyMatch(Step::touchesState);
    }

    public boolean interruptsGuest() {
        return steps.stream().anyMatch(Step::interruptsGuest);
    }
}
