package org.jmicrovm.model;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup of an enum constant by the string the Nix option's {@code types.enum} uses. */
final class Enums {
    private Enums() {}

    static <E extends Enum<E>> E byNixName(E[] values, Function<E, String> name, String wanted, String option) {
        for (E e : values) {
            if (name.apply(e).equals(wanted)) return e;
        }
        throw new InvalidSpecException(option, "\"" + wanted + "\" is not one of "
            + Arrays.stream(values).map(e -> "\"" + name.apply(e) + "\"").collect(Collectors.joining(", ")));
    }
}
