package org.jmicrovm.lang.eval;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A string. {@link #bytes()} is a byte string (each char one byte of UTF-8, see {@link ByteStrings});
 * {@link #text()} decodes it for Java code. jmicrovm does not track string contexts.
 *
 * <p>A string made by {@link #concat} from two long strings is kept as the pair (a rope) until
 * someone reads its bytes, which then are joined once and remembered. Accumulating a string in a
 * fold ({@code foldl' (acc: x: acc + f x) ""}) thus costs the length of the result instead of its
 * square: each step would otherwise copy the whole accumulator. To Nix code and to Java callers the
 * value is an ordinary immutable string; {@link #length()} needs no joining.
 */
public final class NixString implements Value {

    public static final NixString EMPTY = new NixString("");

    /**
     * Results up to this length are joined right away: copying them is cheaper than a rope node
     * and keeps ropes of many tiny pieces from forming.
     */
    static final int ROPE_MIN_LENGTH = 1024;

    /** The bytes, or null while this is a concatenation not read yet. */
    private String bytes;
    /**
     * The parts of a concatenation until it is joined (then null, so that they can be freed). One
     * field for the three: every string carries it, and programs hold millions of strings.
     */
    private Rope rope;

    private record Rope(NixString left, NixString right, int length) {}

    public NixString(String bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    private NixString(NixString left, NixString right, int length) {
        this.rope = new Rope(left, right, length);
    }

    /** A Nix string holding the given (Unicode) Java text. */
    public static NixString ofText(String text) {
        return new NixString(ByteStrings.fromText(text));
    }

    /** {@code a + b}; long results stay a rope until their bytes are needed. */
    public static NixString concat(NixString a, NixString b) {
        long total = (long) a.length() + b.length();
        if (b.length() == 0) {
            return a;
        }
        if (a.length() == 0) {
            return b;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new EvalError("string of " + total + " bytes is too long", org.jmicrovm.lang.ast.Pos.NONE);
        }
        if (total < ROPE_MIN_LENGTH) {
            return new NixString(a.bytes().concat(b.bytes()));
        }
        return new NixString(a, b, (int) total);
    }

    /** The bytes of the string (see {@link ByteStrings}). */
    public String bytes() {
        String b = bytes;
        return b != null ? b : join();
    }

    /** The length in bytes, as {@code stringLength} counts it. */
    public int length() {
        String b = bytes;
        if (b != null) {
            return b.length();
        }
        Rope r = rope;
        return r != null ? r.length() : bytes().length();
    }

    /** The string as Java text (UTF-8 decoded). */
    public String text() {
        return ByteStrings.toText(bytes());
    }

    /**
     * Joins a rope. Iterative, as a fold makes ropes as deep as it has steps; parts already joined
     * (read by someone before) are copied whole. Synchronized and tolerant of parts being joined
     * meanwhile, although values are normally only read from the evaluation thread.
     */
    private synchronized String join() {
        if (bytes != null) {
            return bytes;
        }
        StringBuilder sb = new StringBuilder(rope.length());
        ArrayDeque<NixString> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            NixString n = pending.pop();
            String flat = n == this ? null : n.bytes;
            Rope r = n.rope;
            if (flat != null || r == null) {
                sb.append(n.bytes());
            } else {
                pending.push(r.right());
                pending.push(r.left());
            }
        }
        String joined = sb.toString();
        bytes = joined;
        rope = null;
        return joined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NixString s && (s == this || s.length() == length() && s.bytes().equals(bytes()));
    }

    @Override
    public int hashCode() {
        return bytes().hashCode();
    }

    @Override
    public String toString() {
        return "NixString[bytes=" + bytes() + "]";
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
