package org.jmicrovm.build.debian;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a Depends-style field: a package name, an optional architecture qualifier
 * ({@code :any}, {@code :amd64}) and an optional version constraint.
 */
public record Relation(String name, Optional<String> archQualifier, Optional<Constraint> constraint) {

    /** Version relations as Debian writes them. */
    public enum Op {
        LT("<<"), LE("<="), EQ("="), GE(">="), GT(">>");

        final String text;

        Op(String text) {
            this.text = text;
        }

        static Op parse(String s) {
            return switch (s) {
                case "<<" -> LT;
                case "<=", "<" -> LE; // '<' and '>' are obsolete spellings of '<=' and '>='
                case "=" -> EQ;
                case ">=", ">" -> GE;
                case ">>" -> GT;
                default -> throw new IllegalArgumentException("unknown version relation '" + s + "'");
            };
        }

        boolean holds(int cmp) {
            return switch (this) {
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case EQ -> cmp == 0;
                case GE -> cmp >= 0;
                case GT -> cmp > 0;
            };
        }
    }

    public record Constraint(Op op, DebVersion version) {
        public boolean allows(DebVersion v) {
            return op.holds(v.compareTo(version));
        }

        @Override
        public String toString() {
            return op.text + " " + version;
        }
    }

    /** Whether a package (or a provided name) with this version satisfies the relation's version part. */
    public boolean allows(DebVersion v) {
        return constraint.map(c -> c.allows(v)).orElse(true);
    }

    /**
     * Parses a whole field: comma-separated groups of {@code |}-separated alternatives. Binary
     * Packages indexes carry no {@code [arch]} or {@code <profile>} restrictions; should one
     * appear, it is refused rather than misread.
     */
    public static List<List<Relation>> parseField(String field) {
        List<List<Relation>> groups = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return groups;
        }
        for (String group : field.split(",")) {
            if (group.isBlank()) {
                continue;
            }
            List<Relation> alternatives = new ArrayList<>();
            for (String alt : group.split("\\|")) {
                alternatives.add(parseOne(alt.strip()));
            }
            groups.add(List.copyOf(alternatives));
        }
        return List.copyOf(groups);
    }

    static Relation parseOne(String s) {
        if (s.contains("[") || s.contains("<") && !s.contains("(")) {
            throw new IllegalArgumentException("not supported by jmicrovm: architecture or profile restrictions in '"
                    + s + "'");
        }
        String namePart = s;
        Optional<Constraint> constraint = Optional.empty();
        int paren = s.indexOf('(');
        if (paren >= 0) {
            int close = s.indexOf(')', paren);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '(' in relation '" + s + "'");
            }
            namePart = s.substring(0, paren).strip();
            String inner = s.substring(paren + 1, close).strip();
            int i = 0;
            while (i < inner.length() && "<>=".indexOf(inner.charAt(i)) >= 0) {
                i++;
            }
            constraint = Optional.of(new Constraint(Op.parse(inner.substring(0, i)),
                    DebVersion.parse(inner.substring(i).strip())));
        }
        Optional<String> arch = Optional.empty();
        int colon = namePart.indexOf(':');
        if (colon >= 0) {
            arch = Optional.of(namePart.substring(colon + 1));
            namePart = namePart.substring(0, colon);
        }
        if (namePart.isEmpty()) {
            throw new IllegalArgumentException("empty package name in relation '" + s + "'");
        }
        return new Relation(namePart, arch, constraint);
    }

    @Override
    public String toString() {
        return name + archQualifier.map(a -> ":" + a).orElse("") + constraint.map(c -> " (" + c + ")").orElse("");
    }
}
