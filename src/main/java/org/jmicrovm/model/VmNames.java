package org.jmicrovm.model;

import java.util.regex.Pattern;

/**
 * What a MicroVM name may be: the attribute in {@code microvm.vms}, the directory under the state
 * directory, the supervisor's and systemd's instance name.
 *
 * <p>Checked because a name becomes a path component, a unit name and part of interface names: no
 * {@code /}, no {@code .}/{@code ..}, no control characters or spaces, and short enough that
 * {@code microvm@NAME.service} and derived names stay usable. The host evaluation checks every declared
 * name before it evaluates any guest; the state layer checks names given on the command line.
 */
public final class VmNames {

    /** systemd allows 255 bytes for a unit name; we keep room for prefixes and suffixes. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    private VmNames() {}

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

}
