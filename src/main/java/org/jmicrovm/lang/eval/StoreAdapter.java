package org.jmicrovm.lang.eval;

import java.nio.file.Path;

/**
 * What happens when a path is used as a string ({@code "${./file}"}, {@code toJSON ./file}):
 * Nix copies it to the store and uses the store path. The default ({@link StorePaths#computeOnly})
 * computes exactly the store path Nix would use without copying anything, which is what
 * {@code nix-instantiate --eval} does too; the store layer can plug in a real copy.
 */
@FunctionalInterface
public interface StoreAdapter {

    /** The store path (a normal Java string) for the file or directory {@code source}. */
    String copyToStore(Path source);
}
