package org.jmicrovm.module.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An option path, immutable: every option and every list or attribute-set element gets one, so
 * extending a path by a name copies one array and nothing else.
 */
final class Loc extends AbstractList<String> implements RandomAccess {

    private final String[] names;

    private Loc(String[] names) {
        this.names = names;
    }

    /** {@code loc ++ [ name ]}. */
    static List<String> append(List<String> loc, String name) {
        String[] out;
        if (loc instanceof Loc l) {
            out = java.util.Arrays.copyOf(l.names, l.names.length + 1);
        } else {
            out = loc.toArray(new String[loc.size() + 1]);
        }
        out[out.length - 1] = java.util.Objects.requireNonNull(name);
        return new Loc(out);
    }

    @Override
    public String get(int index) {
        return names[index];
    }

    @Override
    public int size() {
        return names.length;
    }
}
