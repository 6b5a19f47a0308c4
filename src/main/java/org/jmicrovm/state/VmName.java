package org.jmicrovm.state;

import org.jmicrovm.model.VmNames;

/**
 * The name of a MicroVM, valid by {@link VmNames}' rule: the attribute in {@code microvm.vms}, the
 * directory under the state directory, the supervisor's and systemd's instance name.
 */
public record VmName(String value) implements Comparable<VmName> {

    public static final int MAX_LENGTH = VmNames.MAX_LENGTH;

    public VmName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code candidate} is not a valid VM name, or {@code null} when it is. */
    public static String problemWith(String candidate) {
        return VmNames.problemWith(candidate);
    }

    @Override
    public int compareTo(VmName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
