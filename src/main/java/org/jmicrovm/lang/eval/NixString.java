package org.jmicrovm.lang.eval;

import java.util.Objects;

/**
 * A string. {@code bytes} is a byte string (each char one byte of UTF-8, see {@link ByteStrings});
 * {@link #text()} decodes it for Java code. jmicrovm does not track string contexts.
 */
public record NixString(String bytes) implements Value {

    public static final NixString EMPTY = new NixString("");

    public NixString {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A Nix string holding the given (Unicode) Java text. */
    public static NixString ofText(String text) {
        return new NixString(ByteStrings.fromText(text));
    }

    /** The string as Java text (UTF-8 decoded). */
    public String text() {
        return ByteStrings.toText(bytes);
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String describe() {
        return "a string";
    }
}
