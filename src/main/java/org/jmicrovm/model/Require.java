package org.jmicrovm.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Type-level checks shared by the records' compact constructors; each names the option it guards. */
final class Require {
    private Require() {}

    static <T> T present(T value, String option) {
        if (value == null) throw new InvalidSpecException(option, "missing (null); the module system must resolve it");
        return value;
    }

    static String text(String value, String option) {
        present(value, option);
        if (value.isEmpty()) throw new InvalidSpecException(option, "must be a non-empty string");
        return value;
    }

    static <T> Optional<T> optional(Optional<T> value, String option) {
        return present(value, option);
    }

    static Optional<String> optionalText(Optional<String> value, String option) {
        present(value, option).ifPresent(v -> text(v, option));
        return value;
    }

    static OptionalInt optionalInt(OptionalInt value, String option) {
        return present(value, option);
    }

    static int positive(int value, String option) {
        if (value <= 0) throw new InvalidSpecException(option, "must be a positive integer, got " + value);
        return value;
    }

    static int unsigned(int value, String option) {
        if (value < 0) throw new InvalidSpecException(option, "must be an unsigned integer, got " + value);
        return value;
    }

    /** Immutable copy that also rejects null elements, naming the list option. */
    static <T> List<T> list(List<T> value, String option) {
        present(value, option);
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) throw new InvalidSpecException(option + ".[" + i + "]", "null element");
        }
        return List.copyOf(value);
    }

    /** Immutable copy keeping the caller's iteration order (attribute sets arrive sorted by name). */
    static <K, V> Map<K, V> map(Map<K, V> value, String option) {
        present(value, option);
        var copy = new java.util.LinkedHashMap<K, V>();
        value.forEach((k, v) -> {
            if (k == null || v == null) throw new InvalidSpecException(option, "null key or value");
            copy.put(k, v);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
