package org.jmicrovm.build.debian;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of resolving some root packages: every selected package (in the order selected)
 * and, for each, the packages chosen to satisfy its dependencies. The edges make closures of any
 * subset computable without the archive (they are what the lock file records).
 */
public record Resolution(List<String> roots, Map<String, BinaryPackage> selected, Map<String, List<String>> edges) {
    public Resolution {
        roots = List.copyOf(roots);
        selected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selected));
        edges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }

    /** The names reachable from {@code from} through the chosen dependencies, {@code from} first. */
    public Set<String> closure(List<String> from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            String n = todo.removeFirst();
            if (seen.add(n)) {
                todo.addAll(edges.getOrDefault(n, List.of()));
            }
        }
        return seen;
    }
}
