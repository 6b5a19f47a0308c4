package org.jmicrovm.lang.eval;

import java.nio.file.Path;
import java.util.Objects;

/** An absolute, canonical path (a byte string, like {@link NixString}). */
public record NixPath(String bytes) implements Value {

    public NixPath {
        Objects.requireNonNull(bytes, "bytes");
    }

    public static NixPath of(Path path) {
        return new NixPath(ByteStrings.fromText(path.toAbsolutePath().normalize().toString()));
    }

    /** The path as a file-system path. */
    public Path toPath() {
        return Path.of(ByteStrings.toText(bytes));
    }

    @Override
    public String typeName() {
        return "path";
    }

    @Override
    public String describe() {
        return "a path";
    }
}
