package org.jmicrovm.lang.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jmicrovm.lang.ast.Pos;

/**
 * An attribute set: names sorted byte-wise (the order Nix uses for {@code attrNames}, printing
 * and JSON) in parallel arrays with the lazy values and the positions of their definitions.
 *
 * <p>Small sets are searched by binary search; large sets get a hash index on first lookup, so
 * both the many tiny sets of the module system and package-set-sized sets stay fast. Updates
 * ({@code //}) merge the two sorted arrays in linear time, as Nix does.
 */
public final class NixAttrs implements Value {

    public static final NixAttrs EMPTY = new NixAttrs(new String[0], new Lazy[0], null);

    private static final int HASH_INDEX_THRESHOLD = 24;

    private final String[] names;
    private final Lazy[] values;
    /** Positions of the definitions, parallel to names; null when no position is known at all. */
    private final Pos[] positions;
    /** Built for large sets once they are looked up repeatedly; shared by sets with the same names array. */
    private Map<String, Integer> index;
    private int lookups;
    /**
     * Names too many to list (a package set backed by Debian's whole archive) are asked of this when
     * they are not among the listed ones; it answers null for a name that does not exist. Listing
     * operations ({@code attrNames}, printing, JSON) only see the listed names.
     */
    private Function<String, Lazy> unlisted;
    /** For a name neither listed nor found by {@link #unlisted}: what the user may have meant, or null. */
    private Function<String, String> unlistedHint;

    /**
     * Wraps arrays already sorted by name without duplicates; the caller hands them over and
     * must not modify them afterwards. {@code positions} may be null.
     */
    public NixAttrs(String[] sortedNames, Lazy[] values, Pos[] positions) {
        this.names = sortedNames;
        this.values = values;
        this.positions = positions;
    }

    /** A set with the same names (same array) as {@code shape}: its index can be shared. */
    private NixAttrs(NixAttrs shape, Lazy[] values, Pos[] positions) {
        this.names = shape.names;
        this.values = values;
        this.positions = positions;
        this.index = shape.index;
    }

    /**
     * This set, also answering lookups of names it does not list through {@code lookup} (null: absent).
     * Only for sets whose names cannot all be known up front without great cost.
     */
    public NixAttrs withUnlisted(Function<String, Lazy> lookup) {
        return withUnlisted(lookup, name -> null);
    }

    /** As {@link #withUnlisted(Function)}, with the hint given when a name is not found at all. */
    public NixAttrs withUnlisted(Function<String, Lazy> lookup, Function<String, String> hint) {
        NixAttrs open = new NixAttrs(names, values, positions);
        open.index = index;
        open.unlisted = lookup;
        open.unlistedHint = hint;
        return open;
    }

    /** The hint for a name this set neither lists nor can look up, or null. */
    String unlistedHint(String name) {
        return unlistedHint == null ? null : unlistedHint.apply(name);
    }

    /** The value of a name this set does not list but can look up, or null. */
    public Lazy unlisted(String name) {
        return unlisted == null ? null : unlisted.apply(name);
    }

    /** The same names with other values (e.g. {@code mapAttrs}); shares the lookup index. */
    public NixAttrs withValues(Lazy[] newValues, Pos[] newPositions) {
        return new NixAttrs(this, newValues, newPositions);
    }

    /** Compares names as Nix does: byte-wise (byte strings compare correctly with compareTo). */
    public static int compareNames(String a, String b) {
        return a == b ? 0 : a.compareTo(b);
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int i) {
        return names[i];
    }

    public Lazy value(int i) {
        return values[i];
    }

    /** The position where attribute {@code i} was defined, or {@link Pos#NONE}. */
    public Pos position(int i) {
        Pos p = positions == null ? null : positions[i];
        return p == null ? Pos.NONE : p;
    }

    /** The index of {@code name}, or a negative number when absent. */
    public int indexOf(String name) {
        int n = names.length;
        Map<String, Integer> idx = index;
        if (idx != null) {
            Integer i = idx.get(name);
            return i == null ? -1 : i;
        }
        if (n >= HASH_INDEX_THRESHOLD && ++lookups > 4) {
            idx = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                idx.put(names[i], i);
            }
            index = idx;
            Integer i = idx.get(name);
            return i == null ? -1 : i;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareNames(names[mid], name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The value of {@code name}, or null when absent. */
    public Lazy get(String name) {
        int i = indexOf(name);
        return i < 0 ? unlisted(name) : values[i];
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** The position of the definition of {@code name}, or {@link Pos#NONE} (also when absent). */
    public Pos positionOf(String name) {
        int i = indexOf(name);
        return i < 0 ? Pos.NONE : position(i);
    }

    /** The names in Nix order; a copy. */
    public List<String> names() {
        return List.of(names);
    }

    /** {@code this // right}: right's attributes win. */
    public NixAttrs update(NixAttrs right) {
        if (right.names.length == 0) {
            return this;
        }
        if (names.length == 0) {
            return right;
        }
        int n1 = names.length;
        int n2 = right.names.length;
        int common = 0;
        if (n2 <= 8) {
            // The usual shape, acc // { k = v; }: look the few names up instead of a full merge.
            int[] at = new int[n2];
            for (int j = 0; j < n2; j++) {
                at[j] = indexOf(right.names[j]);
                if (at[j] >= 0) {
                    common++;
                }
            }
            if (common == n2) {
                Lazy[] outValues = values.clone();
                for (int j = 0; j < n2; j++) {
                    outValues[at[j]] = right.values[j];
                }
                // In a loop like acc // { k = v; } the positions are the same every time: share them.
                Pos[] outPos = positions;
                for (int j = 0; j < n2; j++) {
                    Pos p = right.positions == null ? null : right.positions[j];
                    Pos old = positions == null ? null : positions[at[j]];
                    if (p != old) {
                        if (outPos == positions) {
                            outPos = positions == null ? new Pos[n1] : positions.clone();
                        }
                        outPos[at[j]] = p;
                    }
                }
                NixAttrs updated = new NixAttrs(this, outValues, outPos);
                updated.unlisted = unlisted;
                return updated;
            }
        } else {
            for (int i = 0, j = 0; i < n1 && j < n2; ) {
                int c = compareNames(names[i], right.names[j]);
                if (c < 0) {
                    i++;
                } else if (c > 0) {
                    j++;
                } else {
                    common++;
                    i++;
                    j++;
                }
            }
        }
        int size = n1 + n2 - common;
        String[] outNames = new String[size];
        Lazy[] outValues = new Lazy[size];
        Pos[] outPos = positions == null && right.positions == null ? null : new Pos[size];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n1 && j < n2) {
            int c = compareNames(names[i], right.names[j]);
            if (c < 0) {
                copy(this, i++, outNames, outValues, outPos, k++);
            } else {
                if (c == 0) {
                    i++;
                }
                copy(right, j++, outNames, outValues, outPos, k++);
            }
        }
        while (i < n1) {
            copy(this, i++, outNames, outValues, outPos, k++);
        }
        while (j < n2) {
            copy(right, j++, outNames, outValues, outPos, k++);
        }
        NixAttrs merged = new NixAttrs(outNames, outValues, outPos);
        merged.unlisted = unlisted; // a name neither side lists is still one the left side can look up
        return merged;
    }

    private static void copy(NixAttrs from, int i, String[] names, Lazy[] values, Pos[] pos, int k) {
        names[k] = from.names[i];
        values[k] = from.values[i];
        if (pos != null && from.positions != null) {
            pos[k] = from.positions[i];
        }
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String describe() {
        return "a set";
    }

    @Override
    public String toString() {
        return "NixAttrs" + Arrays.toString(names);
    }

    public static Builder builder() {
        return new Builder(8);
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /**
     * Collects attributes in any order and sorts them once. A later {@link #put} of the same
     * name replaces the earlier one (callers that must reject duplicates check {@link #contains}).
     */
    public static final class Builder {
        private final List<String> names;
        private final List<Lazy> values;
        private final List<Pos> positions;
        private final Map<String, Integer> seen;
        private boolean anyPosition;

        private Builder(int expectedSize) {
            names = new ArrayList<>(expectedSize);
            values = new ArrayList<>(expectedSize);
            positions = new ArrayList<>(expectedSize);
            seen = new HashMap<>(expectedSize * 2);
        }

        public Builder put(String name, Lazy value) {
            return put(name, value, null);
        }

        public Builder put(String name, Lazy value, Pos pos) {
            Integer existing = seen.get(name);
            if (existing != null) {
                values.set(existing, value);
                positions.set(existing, pos);
            } else {
                seen.put(name, names.size());
                names.add(name);
                values.add(value);
                positions.add(pos);
            }
            anyPosition |= pos != null && pos.isKnown();
            return this;
        }

        /** Adds only when absent (first definition wins, as in {@code listToAttrs}). */
        public Builder putIfAbsent(String name, Lazy value, Pos pos) {
            if (!seen.containsKey(name)) {
                put(name, value, pos);
            }
            return this;
        }

        public boolean contains(String name) {
            return seen.containsKey(name);
        }

        public int size() {
            return names.size();
        }

        public NixAttrs build() {
            int n = names.size();
            if (n == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> compareNames(names.get(a), names.get(b)));
            String[] outNames = new String[n];
            Lazy[] outValues = new Lazy[n];
            Pos[] outPos = anyPosition ? new Pos[n] : null;
            for (int i = 0; i < n; i++) {
                int from = order[i];
                outNames[i] = names.get(from);
                outValues[i] = values.get(from);
                if (outPos != null) {
                    outPos[i] = positions.get(from);
                }
            }
            return new NixAttrs(outNames, outValues, outPos);
        }
    }
}
