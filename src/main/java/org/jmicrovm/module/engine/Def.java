package org.jmicrovm.module.engine;

import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixInt;

/**
 * One definition of an option: the file (module) it comes from, its value, and where in that
 * file it was written when known. {@code attrs} is the set a {@code mkDefinition} gave, whose
 * other attributes travel with the definition as in nixpkgs; {@code order} is the
 * {@code mkOrder} priority once definitions have been sorted (or -1).
 */
record Def(String file, Lazy value, Pos pos, NixAttrs attrs, int order) {

    static final int NO_ORDER = -1;

    Def(String file, Lazy value, Pos pos) {
        this(file, value, pos, null, NO_ORDER);
    }

    Def withValue(Lazy v) {
        return new Def(file, v, pos, attrs, order);
    }

    Def withOrder(Lazy v, int priority) {
        return new Def(file, v, pos, attrs, priority);
    }

    /**
     * The definition as a merge function reads it back from {@link #toNix} ({@code TypeOps.defsOf}):
     * an order becomes a {@code priority} attribute, any attribute besides file and value keeps the set.
     */
    Def asPassed() {
        if (order == NO_ORDER && attrs == null) {
            return this;
        }
        NixAttrs asNix = toNix();
        return new Def(file, value, pos, asNix.size() == 2 ? null : asNix, NO_ORDER);
    }

    /** The file as messages show it, with {@code :line:column} when the definition's place is known. */
    String fileWithPosition() {
        if (pos != null && pos.isKnown() && pos.source().file() != null
                && pos.source().file().toString().equals(file)) {
            return file + ":" + pos.line() + ":" + pos.column();
        }
        return file;
    }

    /** The definition as Nix code sees it: {@code { file; value; }} (plus a priority once ordered). */
    NixAttrs toNix() {
        // the definition's place travels as the position of its `value` (invisible to equality and JSON)
        Pos[] positions = pos != null && pos.isKnown() ? new Pos[order == NO_ORDER ? 2 : 3] : null;
        NixAttrs own;
        if (order == NO_ORDER) {
            if (positions != null) {
                positions[1] = pos;
            }
            own = new NixAttrs(FILE_VALUE, new Lazy[] {NixValues.fileString(file), value}, positions);
        } else {
            if (positions != null) {
                positions[2] = pos;
            }
            own = new NixAttrs(FILE_PRIORITY_VALUE, new Lazy[] {NixValues.fileString(file), NixInt.of(order), value},
                    positions);
        }
        return attrs == null ? own : attrs.update(own);
    }

    private static final String[] FILE_VALUE = {"file", "value"};
    private static final String[] FILE_PRIORITY_VALUE = {"file", "priority", "value"};

}
