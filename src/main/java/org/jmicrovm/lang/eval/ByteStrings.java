package org.jmicrovm.lang.eval;

import java.nio.charset.StandardCharsets;

/**
 * Nix strings are byte strings: {@code stringLength "é"} is 2, {@code substring} cuts bytes,
 * {@code match "."} matches one byte and attribute names sort byte-wise. jmicrovm represents
 * them as Java strings whose chars are all in 0..255, each char one byte of the UTF-8 text
 * (the ISO-8859-1 view of the bytes). With that, {@link String#length()}, {@link String#substring},
 * {@link String#compareTo} and {@code java.util.regex} behave exactly like Nix's byte-based
 * operations, and Java stores such strings compactly, one byte per char.
 *
 * <p>Conversions happen only at the edges: source literals, file contents, file names,
 * environment variables and text shown to people. ASCII text is the same in both views,
 * so the conversions are free for it.
 */
public final class ByteStrings {

    private ByteStrings() {}

    /** Encodes Java (Unicode) text as a byte string. */
    public static String fromText(String text) {
        if (isAscii(text)) {
            return text;
        }
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Decodes a byte string as UTF-8 text (malformed sequences become U+FFFD). */
    public static String toText(String bytes) {
        if (isAscii(bytes)) {
            return bytes;
        }
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** The raw bytes of a byte string. */
    public static byte[] toBytes(String bytes) {
        return bytes.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A byte string holding exactly these bytes. */
    public static String fromBytes(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
