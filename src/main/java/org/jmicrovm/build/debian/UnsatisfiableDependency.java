package org.jmicrovm.build.debian;

import java.util.List;

/** No package satisfies a dependency; {@code chain} leads from a requested package to the one that needs it. */
public final class UnsatisfiableDependency extends RuntimeException {
    private final List<String> chain;

    public UnsatisfiableDependency(List<String> chain, String unsatisfied, String why) {
        super("cannot resolve " + String.join(" → ", chain) + ": " + unsatisfied + " " + why);
        this.chain = List.copyOf(chain);
    }

    public List<String> chain() {
        return chain;
    }
}
