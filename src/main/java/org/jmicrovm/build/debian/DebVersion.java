package org.jmicrovm.build.debian;

import java.util.Objects;

/**
 * A Debian package version {@code [epoch:]upstream[-revision]}, ordered as dpkg orders them:
 * epochs numerically, then upstream and revision by alternating non-digit and digit runs, where
 * letters sort before non-letters and {@code ~} sorts before everything, even the end of the string.
 */
public record DebVersion(int epoch, String upstream, String revision) implements Comparable<DebVersion> {

    public DebVersion {
        Objects.requireNonNull(upstream);
        Objects.requireNonNull(revision);
    }

    public static DebVersion parse(String text) {
        String s = text.strip();
        int epoch = 0;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            try {
                epoch = Integer.parseInt(s.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a Debian version (bad epoch): " + text);
            }
            s = s.substring(colon + 1);
        }
        int dash = s.lastIndexOf('-');
        String upstream = dash < 0 ? s : s.substring(0, dash);
        String revision = dash < 0 ? "" : s.substring(dash + 1);
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("not a Debian version (empty upstream part): " + text);
        }
        return new DebVersion(epoch, upstream, revision);
    }

    /** Compares two version strings as {@code dpkg --compare-versions} does. */
    public static int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    @Override
    public int compareTo(DebVersion o) {
        int c = Integer.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = comparePart(upstream, o.upstream);
        return c != 0 ? c : comparePart(revision, o.revision);
    }

    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int comparePart(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
}
