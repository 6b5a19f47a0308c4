package org.jmicrovm.build.debian;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves root packages into the set apt would install with {@code --no-install-recommends} on an
 * empty system: Pre-Depends and Depends breadth-first; a group already satisfied by a selected
 * package (real or provided) adds nothing; otherwise the first alternative that has a candidate
 * whose version fits, or a provider of it (a versioned dependency only accepts versioned Provides).
 * Among providers, one already selected wins, then the most important Priority, then the name.
 * Conflicts and Breaks (either direction) rule a candidate out while another alternative or provider
 * remains, as apt's solver would; when none remains, or two requested packages conflict, resolution
 * fails naming both packages, the relation and how each was reached. Recommends and Suggests are not
 * considered.
 *
 * <p>One deliberate difference from apt, on by default: {@code usr-is-merged} is preferred to
 * {@code usrmerge} (which pulls in perl), because jmicrovm builds merged-/usr trees itself, as
 * mmdebstrap does with its merged-usr hook.
 */
public final class Resolver {
    private final PackageIndex index;
    private final List<String> preferred;

    private Resolver(PackageIndex index, List<String> preferred) {
        this.index = index;
        this.preferred = List.copyOf(preferred);
    }

    /** jmicrovm's policy: apt's choices, except {@code usr-is-merged} over {@code usrmerge}. */
    public static Resolver jmicrovm(PackageIndex index) {
        return new Resolver(index, List.of("usr-is-merged"));
    }

    /** Exactly apt's first-alternative rule, for comparisons. */
    public static Resolver aptLike(PackageIndex index) {
        return new Resolver(index, List.of());
    }

    public Resolution resolve(List<String> roots) {
        Map<String, BinaryPackage> selected = new LinkedHashMap<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<BinaryPackage> todo = new ArrayDeque<>();
        for (String root : roots) {
            if (selected.containsKey(root)) {
                continue;
            }
            BinaryPackage p = index.candidate(root).orElseGet(() -> providerForRoot(root));
            if (!selected.containsKey(p.name())) {
                firstConflict(p, selected).ifPresent(c -> {
                    throw conflicting(List.of(p.name()), "is requested at " + p.version() + ", which", c, parent);
                });
            }
            if (selected.putIfAbsent(p.name(), p) == null) {
                todo.add(p);
            }
        }
        while (!todo.isEmpty()) {
            BinaryPackage p = todo.removeFirst();
            List<String> chosen = new ArrayList<>();
            for (List<Relation> group : p.dependencyGroups()) {
                BinaryPackage dep = satisfiedBySelected(group, selected)
                        .orElseGet(() -> choose(p.name(), group, selected, parent));
                if (selected.putIfAbsent(dep.name(), dep) == null) {
                    parent.put(dep.name(), p.name());
                    todo.add(dep);
                }
                if (!chosen.contains(dep.name()) && !dep.name().equals(p.name())) {
                    chosen.add(dep.name());
                }
            }
            edges.put(p.name(), List.copyOf(chosen));
        }
        return new Resolution(roots, selected, edges);
    }

    private BinaryPackage providerForRoot(String root) {
        List<BinaryPackage> providers = index.providers(root);
        if (providers.isEmpty()) {
            throw new UnsatisfiableDependency(List.of(root), root,
                    "is not a package of the archive for " + index.architecture()
                            + " (hint: check the name with 'apt-cache policy " + root + "')");
        }
        if (providers.size() > 1) {
            throw new UnsatisfiableDependency(List.of(root), root, "is a virtual package provided by "
                    + providers.stream().map(BinaryPackage::name).toList() + "; name one of them");
        }
        return providers.get(0);
    }

    private Optional<BinaryPackage> satisfiedBySelected(List<Relation> group, Map<String, BinaryPackage> selected) {
        for (Relation r : group) {
            BinaryPackage real = selected.get(r.name());
            if (real != null && r.allows(real.version())) {
                return Optional.of(real);
            }
            for (BinaryPackage s : index.providers(r.name())) {
                if (selected.get(s.name()) == s && provides(s, r)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The package that satisfies {@code group} for {@code from}: the first alternative (or its best provider)
     * that conflicts with nothing selected so far.
     */
    private BinaryPackage choose(String from, List<Relation> group, Map<String, BinaryPackage> selected,
                                 Map<String, String> parent) {
        Optional<BinaryPackage> blocked = Optional.empty();
        for (Relation r : ordered(group)) {
            checkArchitecture(r);
            List<BinaryPackage> options = new ArrayList<>();
            index.candidate(r.name()).filter(c -> r.allows(c.version())).ifPresent(options::add);
            index.providers(r.name()).stream()
                    .filter(s -> provides(s, r))
                    .sorted(Comparator.comparing((BinaryPackage s) -> !selected.containsKey(s.name()))
                            .thenComparing(BinaryPackage::priority)
                            .thenComparing(BinaryPackage::name))
                    .forEach(options::add);
            for (BinaryPackage candidate : options) {
                if (firstConflict(candidate, selected).isEmpty()) {
                    return candidate;
                }
                blocked = blocked.or(() -> Optional.of(candidate));
            }
        }
        if (blocked.isPresent()) {
            BinaryPackage b = blocked.get();
            throw conflicting(chainTo(from, parent), "needs " + b.name() + " " + b.version() + ", which",
                    firstConflict(b, selected).orElseThrow(), parent);
        }
        throw unsatisfiable(from, group, parent);
    }

    /** A selected package that cannot share a closure with {@code candidate}, and the relation that says so. */
    private static Optional<Conflict> firstConflict(BinaryPackage candidate, Map<String, BinaryPackage> selected) {
        for (BinaryPackage s : selected.values()) {
            Optional<Relation> theirs = s.conflictWith(candidate);
            if (theirs.isPresent()) {
                return Optional.of(new Conflict(s, s, theirs.get()));
            }
            Optional<Relation> ours = candidate.conflictWith(s);
            if (ours.isPresent()) {
                return Optional.of(new Conflict(s, candidate, ours.get()));
            }
        }
        return Optional.empty();
    }

    /** {@code declaredBy} has the Conflicts/Breaks {@code relation} that rules out the pair. */
    private record Conflict(BinaryPackage selected, BinaryPackage declaredBy, Relation relation) {
    }

    private static UnsatisfiableDependency conflicting(List<String> chain, String what, Conflict c,
                                                       Map<String, String> parent) {
        return new UnsatisfiableDependency(chain, what,
                "conflicts with " + c.selected().name() + " " + c.selected().version() + " (reached by "
                        + String.join(" → ", chainTo(c.selected().name(), parent)) + "): "
                        + c.declaredBy().name() + " declares Conflicts/Breaks: " + c.relation()
                        + " (hint: leave one of them out of the guest's packages, or choose another alternative)");
    }

    private static List<String> chainTo(String name, Map<String, String> parent) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String n = name; n != null && seen.add(n); n = parent.get(n)) {
            chain.add(0, n);
        }
        return chain;
    }

    private List<Relation> ordered(List<Relation> group) {
        if (preferred.isEmpty() || group.size() < 2) {
            return group;
        }
        List<Relation> out = new ArrayList<>();
        group.stream().filter(r -> preferred.contains(r.name())).forEach(out::add);
        group.stream().filter(r -> !preferred.contains(r.name())).forEach(out::add);
        return out;
    }

    private void checkArchitecture(Relation r) {
        r.archQualifier().ifPresent(a -> {
            if (!a.equals("any") && !a.equals("native") && !a.equals(index.architecture())) {
                throw new IllegalArgumentException("not supported by jmicrovm: a dependency on another architecture ("
                        + r + "); a guest has one architecture");
            }
        });
    }

    private static boolean provides(BinaryPackage s, Relation r) {
        Optional<Optional<DebVersion>> v = s.provision(r.name());
        if (v.isEmpty()) {
            return false;
        }
        if (r.constraint().isEmpty()) {
            return true;
        }
        return v.get().map(r::allows).orElse(false);
    }

    private UnsatisfiableDependency unsatisfiable(String from, List<Relation> group, Map<String, String> parent) {
        List<String> chain = chainTo(from, parent);
        String text = String.join(" | ", group.stream().map(Relation::toString).toList());
        StringBuilder why = new StringBuilder("has no candidate:");
        for (Relation r : group) {
            why.append(' ').append(r.name()).append(' ').append(index.candidate(r.name())
                    .map(c -> "is at " + c.version())
                    .orElse(index.providers(r.name()).isEmpty() ? "does not exist" : "is only virtual"))
                    .append(';');
        }
        return new UnsatisfiableDependency(chain, "needs '" + text + "', which", why.toString());
    }
}
