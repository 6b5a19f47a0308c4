package org.jmicrovm.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep immutable copies of JSON-shaped option values, refusing anything JSON cannot hold. */
final class JsonTree {
    private JsonTree() {}

    static Map<String, Object> copy(Map<String, Object> map, String option) {
        Require.present(map, option);
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> {
            if (k == null) throw new InvalidSpecException(option, "null key");
            out.put(k, value(v, option + "." + k));
        });
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v, String option) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case Map<?, ?> m -> copy((Map<String, Object>) m, option);
            case List<?> l -> {
                var items = new ArrayList<Object>();
                for (int i = 0; i < l.size(); i++) items.add(value(l.get(i), option + ".[" + i + "]"));
                yield Collections.unmodifiableList(items);
            }
            default -> throw new InvalidSpecException(option, "not a JSON value: " + v.getClass().getSimpleName());
        };
    }
}
