package org.jmicrovm.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A path in the store: {@code <store>/<hash>-<name>}. The hash covers every input of the build
 * that produced it, so equal hashes mean interchangeable contents.
 */
public record StorePath(Path path, String hash, String name) implements Comparable<StorePath> {
    public StorePath {
        Objects.requireNonNull(path, "path");
        if (!StoreHash.isValid(hash)) {
            throw new IllegalArgumentException("not a store hash: " + hash);
        }
        StoreName.check(name);
    }

    /** The file name inside the store, {@code <hash>-<name>}. */
    public String baseName() {
        return hash + "-" + name;
    }

    public Path resolve(String relative) {
        return path.resolve(relative);
    }

    @Override
    public int compareTo(StorePath other) {
        return baseName().compareTo(other.baseName());
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
