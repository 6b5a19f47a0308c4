package org.jmicrovm.state;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Symbolic-link operations that never leave a link missing or half-written: a new link is
 * created under a temporary name beside the old one and renamed over it, so a reader (or a
 * crash) sees either the old target or the new one.
 */
public final class Links {

    private Links() {}

    /** The target of {@code link} if it is a symbolic link, else empty. */
    public static Optional<Path> target(Path link) {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Points {@code link} at {@code target}, replacing what was there atomically ({@code ln -sTf}). */
    public static void replace(Path link, Path target) throws IOException {
        Path temporary = link.resolveSibling("." + link.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createSymbolicLink(temporary, target);
        try {
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("cannot replace " + link + " atomically: " + e.getMessage(), e);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Writes {@code text} to {@code file} atomically (temporary file, then rename). */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.writeString(temporary, text);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Removes {@code link} if it is a symbolic link; never follows it. */
    public static void removeIfLink(Path link) throws IOException {
        if (Files.isSymbolicLink(link)) {
            Files.delete(link);
        } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(link + " exists but is not a symbolic link; leaving it alone");
        }
    }
}
