package org.jmicrovm.build.pkgs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jmicrovm.lang.eval.EditDistance;

/**
 * Debian package names close to one that does not exist, for the hint of {@code attribute 'x' missing}: a typo
 * ({@code ngnix}) or a nixpkgs name whose Debian packages carry a suffix ({@code openssh} is
 * {@code openssh-server} and {@code openssh-client}, {@code python} is {@code python3}).
 */
final class PackageNames {

    /** Suffixes of packages that come with a program but are not it. */
    private static final Set<String> NOT_WHAT_ONE_INSTALLS = Set.of("-doc", "-dbg", "-dbgsym", "-dev", "-tests",
            "-examples");

    private PackageNames() {}

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    static List<String> closeTo(String wanted, Collection<String> names, int limit) {
        // short names are a letter or two away from many others: only a one-letter slip counts for them
        int maxDistance = wanted.length() <= 4 ? 1 : 2;
        record Near(String name, int distance) {}
        List<Near> typos = new ArrayList<>();
        List<String> versioned = new ArrayList<>();
        List<String> longer = new ArrayList<>();
        for (String name : names) {
            if (Math.abs(name.length() - wanted.length()) <= maxDistance) {
                int d = EditDistance.between(wanted, name);
                if (d <= maxDistance) {
                    typos.add(new Near(name, d));
                }
            }
            if (name.length() > wanted.length() && name.startsWith(wanted)) {
                String rest = name.substring(wanted.length());
                if (rest.matches("[0-9][0-9.]*")) {
                    versioned.add(name); // python -> python3
                } else if (rest.matches("-[a-z0-9.+]+") && !NOT_WHAT_ONE_INSTALLS.contains(rest)) {
                    longer.add(name); // openssh -> openssh-server
                }
            }
        }
        // among equally distant names, one that starts as the wanted one does is the likelier slip (ngnix: nginx)
        typos.sort(Comparator.comparingInt(Near::distance)
                .thenComparing(n -> -commonPrefix(n.name(), wanted)).thenComparing(Near::name));
        longer.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        versioned.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        // python3 for python, openssh-server for openssh, then slips of one letter, then of two
        Set<String> out = new LinkedHashSet<>(versioned);
        out.addAll(longer);
        typos.forEach(n -> out.add(n.name()));
        return out.stream().limit(limit).toList();
    }
}
