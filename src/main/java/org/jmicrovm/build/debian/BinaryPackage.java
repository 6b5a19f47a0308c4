package org.jmicrovm.build.debian;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One stanza of a Packages index: what the resolver needs (relations, priority) and what the
 * fetcher needs (archive, file name, size, SHA-256).
 *
 * @param conflicts {@code Conflicts} and {@code Breaks} together: on the empty system a guest starts from, both
 *                  mean the two packages cannot be in one closure
 * @param archive the base URI of the archive the index came from ({@code http://…/debian})
 */
public record BinaryPackage(String name, DebVersion version, String architecture, Priority priority,
                            boolean essential, List<List<Relation>> preDepends, List<List<Relation>> depends,
                            List<Relation> provides, List<Relation> conflicts, String filename, long size, String sha256,
                            long installedSizeKiB, String archive) {

    /** Debian priorities, most important first; the resolver prefers providers by this order. */
    public enum Priority {
        REQUIRED, IMPORTANT, STANDARD, OPTIONAL, EXTRA, UNKNOWN;

        static Priority parse(String s) {
            if (s == null) {
                return UNKNOWN;
            }
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    public BinaryPackage {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        preDepends = List.copyOf(preDepends);
        depends = List.copyOf(depends);
        provides = List.copyOf(provides);
        conflicts = List.copyOf(conflicts);
    }

    /** Builds one from a Packages stanza. */
    public static BinaryPackage of(Deb822.Paragraph p, String source, String archive) {
        List<Relation> provides = Relation.parseField(p.get("Provides").orElse("")).stream()
                .map(g -> g.get(0)).toList();
        List<Relation> conflicts = new java.util.ArrayList<>();
        for (String field : List.of("Conflicts", "Breaks")) {
            Relation.parseField(p.get(field).orElse("")).forEach(conflicts::addAll);
        }
        return new BinaryPackage(p.require(source, "Package"), DebVersion.parse(p.require(source, "Version")),
                p.require(source, "Architecture"), Priority.parse(p.get("Priority").orElse(null)),
                p.get("Essential").map(e -> e.equalsIgnoreCase("yes")).orElse(false),
                Relation.parseField(p.get("Pre-Depends").orElse("")),
                Relation.parseField(p.get("Depends").orElse("")), provides, conflicts,
                p.require(source, "Filename"), Long.parseLong(p.require(source, "Size")),
                p.require(source, "SHA256"), p.get("Installed-Size").map(Long::parseLong).orElse(0L), archive);
    }

    /** Pre-Depends first, then Depends: the order apt and dpkg consider them in. */
    public List<List<Relation>> dependencyGroups() {
        if (preDepends.isEmpty()) {
            return depends;
        }
        List<List<Relation>> all = new java.util.ArrayList<>(preDepends);
        all.addAll(depends);
        return all;
    }

    /** The version this package provides {@code virtualName} at, if it provides it. */
    public Optional<Optional<DebVersion>> provision(String virtualName) {
        for (Relation r : provides) {
            if (r.name().equals(virtualName)) {
                return Optional.of(r.constraint().map(Relation.Constraint::version));
            }
        }
        return Optional.empty();
    }

    /**
     * The relation of this package's Conflicts/Breaks that {@code other} matches, if any: by its name and
     * version, or by a name it provides (an unversioned relation matches every provider, a versioned one only
     * a versioned provision it allows). A package never conflicts with itself, which is how Debian says
     * "the only provider of this virtual name at a time" (Provides and Conflicts on the same name).
     */
    public Optional<Relation> conflictWith(BinaryPackage other) {
        if (other.name.equals(name)) {
            return Optional.empty();
        }
        for (Relation r : conflicts) {
            if (r.name().equals(other.name) && r.allows(other.version)) {
                return Optional.of(r);
            }
            Optional<Optional<DebVersion>> provided = other.provision(r.name());
            if (provided.isPresent() && (r.constraint().isEmpty() || provided.get().map(r::allows).orElse(false))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public String id() {
        return name + "=" + version;
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + architecture + ")";
    }
}
