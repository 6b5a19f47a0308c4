package org.jmicrovm.module.host;

import java.util.List;
import java.util.Optional;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.engine.NixValues;

/**
 * Where in the user's files a value was written, for errors found after the module system has done its
 * work (a model record rejecting a volume of size 0, a service without a script). The module system keeps
 * each definition's place as the position of its {@code value} in {@code definitionsWithLocations}; inside
 * the definition, attribute sets written in Nix keep the positions of their attributes. So
 * {@code microvm.volumes.[1].size} is found as: the definitions of option {@code microvm.volumes}, the
 * second element across them, its attribute {@code size}.
 *
 * <p>Only improves messages: whatever cannot be followed (a value computed by a function, a list made by
 * {@code map}) yields the nearest place known, or nothing.
 */
final class DefinitionSites {

    private DefinitionSites() {}

    /**
     * @param options    the {@code options} of an evaluation
     * @param optionPath a path as the configuration readers write it: names joined by dots (a name may itself
     *                   contain dots, such as {@code environment.etc.resolv.conf}), list elements as {@code [N]}
     */
    static Optional<Pos> of(NixAttrs options, String optionPath) {
        try {
            return Optional.ofNullable(find(options, List.of(optionPath.split("\\.", -1))));
        } catch (NixException | ClassCastException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** {@code site} and the message, as errors with a place are shown: {@code file:line:col: message}. */
    static String prefixed(NixAttrs options, String optionPath, String message) {
        return of(options, optionPath).map(p -> p + ": " + message).orElse(message);
    }

    private static Pos find(NixAttrs options, List<String> path) {
        Value node = options;
        int i = 0;
        while (!"option".equals(NixValues.typeTag(node))) {
            if (!(node instanceof NixAttrs set) || i >= path.size()) {
                return null;
            }
            int taken = longestName(set, path, i);
            if (taken == 0) {
                return null;
            }
            node = set.get(ByteStrings.fromText(String.join(".", path.subList(i, i + taken)))).force();
            i += taken;
        }
        NixList defs = Force.list(NixValues.select((NixAttrs) node, "definitionsWithLocations", Pos.NONE), Pos.NONE);
        List<String> rest = path.subList(i, path.size());
        Pos fallback = null;
        int skipped = 0; // list elements in earlier definitions, for an index into the merged list
        for (Lazy d : defs.array()) {
            NixAttrs def = Force.attrs(d.force(), Pos.NONE);
            int at = def.indexOf("value");
            if (at < 0) {
                continue;
            }
            Pos defined = def.position(at);
            Value value = def.value(at).force();
            Integer index = rest.isEmpty() ? null : listIndex(rest.get(0));
            if (index != null && value instanceof NixList list) {
                if (index - skipped >= list.size()) {
                    skipped += list.size();
                    continue;
                }
                Pos inner = within(list.get(index - skipped).force(), rest.subList(1, rest.size()));
                return inner != null ? inner : known(defined);
            }
            Pos inner = rest.isEmpty() ? null : within(value, rest);
            if (inner != null) {
                return inner;
            }
            if (fallback == null && (rest.isEmpty() || mentions(value, rest.get(0)))) {
                fallback = known(defined);
            }
        }
        return fallback;
    }

    /** The place of the innermost attribute of {@code path} written in {@code value}, or null. */
    private static Pos within(Value value, List<String> path) {
        if (path.isEmpty()) {
            return null;
        }
        Integer index = listIndex(path.get(0));
        if (index != null) {
            return value instanceof NixList list && index < list.size()
                    ? within(list.get(index).force(), path.subList(1, path.size())) : null;
        }
        if (!(value instanceof NixAttrs set)) {
            return null;
        }
        int taken = longestName(set, path, 0);
        if (taken == 0) {
            return null;
        }
        int at = set.indexOf(ByteStrings.fromText(String.join(".", path.subList(0, taken))));
        Pos here = known(set.position(at));
        Pos deeper = within(set.value(at).force(), path.subList(taken, path.size()));
        return deeper != null ? deeper : here;
    }

    private static boolean mentions(Value value, String first) {
        return value instanceof NixAttrs set && set.indexOf(ByteStrings.fromText(first)) >= 0;
    }

    /** How many of the components from {@code from} on form the longest name {@code set} has (0: none). */
    private static int longestName(NixAttrs set, List<String> path, int from) {
        for (int n = path.size() - from; n >= 1; n--) {
            if (set.indexOf(ByteStrings.fromText(String.join(".", path.subList(from, from + n)))) >= 0) {
                return n;
            }
        }
        return 0;
    }

    private static Integer listIndex(String component) {
        if (component.length() > 2 && component.startsWith("[") && component.endsWith("]")) {
            try {
                return Integer.parseInt(component.substring(1, component.length() - 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Pos known(Pos p) {
        return p != null && p.isKnown() ? p : null;
    }
}
