package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jmicrovm.lang.eval.EditDistance;

/**
 * "Did you mean …?" for a definition of an option that does not exist: declared names close to
 * the unknown one, at the level where the path leaves the declared tree.
 */
final class Suggestions {

    private Suggestions() {}

    /** A hint line (starting with a newline), or "" when nothing is close enough. */
    static String closestOptions(Level root, List<String> path, List<String> prefix) {
        Level level = root;
        List<String> known = new ArrayList<>(prefix);
        for (String part : path) {
            if (level.declares(part)) {
                Node n;
                try {
                    n = level.node(part);
                } catch (RuntimeException e) {
                    return "";
                }
                if (n instanceof Level sub) {
                    level = sub;
                    known.add(part);
                    continue;
                }
                return "";
            }
            List<String> candidates = new ArrayList<>();
            for (String name : level.names()) {
                String a = name.toLowerCase();
                String b = part.toLowerCase();
                boolean close = EditDistance.between(a, b) <= Math.max(2, part.length() / 3)
                        || a.length() >= 3 && b.length() >= 3 && (a.startsWith(b) || b.startsWith(a));
                if (!name.equals("_module") && close) {
                    candidates.add(name);
                }
            }
            if (candidates.isEmpty()) {
                return "";
            }
            candidates.sort(Comparator.comparingInt(c -> EditDistance.between(c.toLowerCase(), part.toLowerCase())));
            List<String> shown = new ArrayList<>();
            for (String c : candidates.subList(0, Math.min(3, candidates.size()))) {
                shown.add("`" + Messages.showOption(Level.append(known, c)) + "'");
            }
            return "\nDid you mean " + String.join(" or ", shown) + "?";
        }
        return "";
    }


}
