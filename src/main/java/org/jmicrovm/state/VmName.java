package org.jmicrovm.state;

import java.util.regex.Pattern;

/**
 * The name of a MicroVM: the attribute in {@code microvm.vms}, the directory under the
 * state directory, the supervisor's and systemd's instance name.
 *
 * <p>Validated because it becomes a path component, a unit name and part of interface
 * names: no {@code /}, no {@code .}/{@code ..}, no control characters or spaces, and short
 * enough that {@code microvm@NAME.service} and derived names stay usable.
 */
public record VmName(String value) implements Comparable<VmName> {

    /** systemd allows 255 bytes for a unit name; we keep room for prefixes and suffixes. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    public VmName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code candidate} is not a valid VM name, or {@code null} when it is. */
    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "a VM name must not be empty";
        }
        if (candidate.equals(".") || candidate.equals("..")) {
            return "'" + candidate + "' is not a valid VM name";
        }
        if (candidate.length() > MAX_LENGTH) {
            return "VM name '" + candidate + "' is " + candidate.length() + " characters long; the limit is "
                    + MAX_LENGTH + " (it becomes part of unit and file names)";
        }
        if (!ALLOWED.matcher(candidate).matches()) {
            return "VM name '" + printable(candidate) + "' may only contain letters, digits and '_', '-', '.', '+',"
                    + " and must not start with '-', '.' or '+'";
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
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
