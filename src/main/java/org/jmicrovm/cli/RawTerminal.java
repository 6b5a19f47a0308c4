package org.jmicrovm.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user's terminal switched to raw mode for {@code microvm console}: every key goes to the guest
 * as typed (Ctrl-C interrupts the guest's program, not us) and the guest echoes. The previous settings
 * come back on {@link #close()}, and from a shutdown hook if the JVM ends another way (a signal, an error).
 */
final class RawTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");

    private final String saved;
    private final Thread restoreOnExit;
    private boolean restored;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.restoreOnExit = new Thread(this::restore, "restore-terminal");
    }

    /** Raw mode when standard input is a terminal; empty (and nothing changed) otherwise. */
    static Optional<RawTerminal> enterIfInteractive() throws IOException {
        if (!stdinIsTerminal()) {
            return Optional.empty();
        }
        String saved = stty("-g").strip();
        RawTerminal terminal = new RawTerminal(saved);
        Runtime.getRuntime().addShutdownHook(terminal.restoreOnExit);
        stty("raw", "-echo");
        return Optional.of(terminal);
    }

    static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("microvm console: cannot restore the terminal (" + e.getMessage() + "); run `stty sane`");
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (and finds the terminal restored)
        }
    }

    private static String stty(String... args) throws IOException {
        var command = new java.util.ArrayList<String>();
        command.add("stty");
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running stty", e);
        }
    }
}
