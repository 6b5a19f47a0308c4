package org.jmicrovm.build.debian;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The candidate of every package name across all configured suites (the highest version wins, as
 * apt does with equal pin priorities) and, for each virtual name, the candidates that provide it.
 */
public final class PackageIndex {
    private final String architecture;
    private final Map<String, BinaryPackage> candidates = new HashMap<>();
    private final Map<String, List<BinaryPackage>> providers = new HashMap<>();

    public PackageIndex(String architecture, Collection<BinaryPackage> packages) {
        this.architecture = architecture;
        for (BinaryPackage p : packages) {
            if (!p.architecture().equals(architecture) && !p.architecture().equals("all")) {
                continue;
            }
            candidates.merge(p.name(), p, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
        }
        for (BinaryPackage p : candidates.values()) {
            for (Relation r : p.provides()) {
                providers.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(p);
            }
        }
        // a stable order, so resolution never depends on hash iteration
        providers.values().forEach(l -> l.sort(java.util.Comparator.comparing(BinaryPackage::name)));
    }

    public String architecture() {
        return architecture;
    }

    public Optional<BinaryPackage> candidate(String name) {
        return Optional.ofNullable(candidates.get(name));
    }

    public List<BinaryPackage> providers(String virtualName) {
        return providers.getOrDefault(virtualName, List.of());
    }

    /** Every package name with a candidate (not the virtual ones). */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(candidates.keySet());
    }

    /** Whether some package provides {@code virtualName}. */
    public boolean isVirtual(String virtualName) {
        return providers.containsKey(virtualName);
    }

    public int size() {
        return candidates.size();
    }
}
