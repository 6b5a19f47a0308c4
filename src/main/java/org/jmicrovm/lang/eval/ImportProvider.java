package org.jmicrovm.lang.eval;

/**
 * A value that {@code import} returns for a path without reading a file there: how a
 * Java-provided {@code <nixpkgs>} (or any other built-in tree) is plugged in. The search path
 * points a name at the provided path; importing it (or a path below it) asks the provider.
 */
@FunctionalInterface
public interface ImportProvider {

    /**
     * The value of importing {@code relative} below the provided path ("" for the path itself),
     * or null when the provider has nothing there (then {@code import} fails as for a missing file).
     */
    Value provide(Evaluator ev, String relative);
}
