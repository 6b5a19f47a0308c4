package org.jmicrovm.lang.eval;

import java.util.ArrayList;
import java.util.List;

/** Nix's "Did you mean ...?" for a missing attribute: the closest names by edit distance. */
final class Suggestions {

    private static final int LIMIT = 5;
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /** The hint for {@code wanted} among the set's names, or null when nothing is close. */
    static String didYouMean(String wanted, NixAttrs set) {
        record Candidate(int distance, String name) {}
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            all.add(new Candidate(EditDistance.between(wanted, set.name(i)), set.name(i)));
        }
        all.sort((a, b) -> a.distance != b.distance ? Integer.compare(a.distance, b.distance) : a.name.compareTo(b.name));
        List<String> best = new ArrayList<>();
        for (Candidate c : all) {
            if (best.size() >= LIMIT || c.distance > MAX_DISTANCE) {
                break;
            }
            best.add(ByteStrings.toText(c.name));
        }
        if (best.isEmpty()) {
            return null;
        }
        if (best.size() == 1) {
            return "Did you mean " + best.get(0) + "?";
        }
        StringBuilder b = new StringBuilder("Did you mean one of ").append(best.get(0));
        for (int i = 1; i < best.size(); i++) {
            b.append(i == best.size() - 1 ? " or " : ", ").append(best.get(i));
        }
        return b.append('?').toString();
    }

}
