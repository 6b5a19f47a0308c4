package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Helpers for {@code key=value,…} option strings and for options pulled out of user extra arguments. */
final class Options {
    private Options() {}

    /** {@code k1=v1,k2=v2} in the map's order (callers pass sorted maps where microvm.nix sorted). */
    static String kv(Map<String, String> map) {
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The values of every {@code flag value} pair in {@code args}, and the args without them. */
    record Extracted(List<String> values, List<String> rest) {}

    static Extracted extract(String flag, List<String> args) {
        var values = new ArrayList<String>();
        var rest = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(flag) && i + 1 < args.size()) {
                values.add(args.get(++i));
            } else {
                rest.add(args.get(i));
            }
        }
        return new Extracted(values, rest);
    }

    /** The value of {@code key} in a {@code k=v,…} string. */
    static Optional<String> param(String options, String key) {
        for (String part : options.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(key)) return Optional.of(part.substring(eq + 1));
        }
        return Optional.empty();
    }
}
