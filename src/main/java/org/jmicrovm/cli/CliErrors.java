package org.jmicrovm.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors, made outside the command classes on purpose. A class that itself throws a
 * {@link ParameterException} makes the JVM check, when it links the class, that picocli's exception
 * is a {@code Throwable}: with the launcher's AOT cache that check runs at start-up for every class in
 * the cache, and since {@code microvm-host eval FILE} never touches picocli (so its classes are not in
 * the cache) it opened both jars to load them, ~10 ms of each such command (docs/performance.md).
 */
final class CliErrors {

    private CliErrors() {}

    static RuntimeException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
