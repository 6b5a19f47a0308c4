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
            all.add(new Candidate(distance(wanted, set.name(i)), set.name(i)));
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

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
