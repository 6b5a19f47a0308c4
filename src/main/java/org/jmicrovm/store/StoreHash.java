package org.jmicrovm.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes used to name store paths: SHA-256, folded to 160 bits and written in the 32-character
 * base32 alphabet Nix uses for store paths (no e, o, u, t, so hashes never spell words).
 */
public final class StoreHash {
    /** Nix's base32 alphabet. */
    static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
    /** Characters of a store hash: 160 bits at 5 bits per character. */
    public static final int LENGTH = 32;

    private StoreHash() {}

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    /** The store-path hash of a text: SHA-256, XOR-folded to 20 bytes, in base32. */
    public static String ofText(String text) {
        return base32(fold(sha256(text.getBytes(StandardCharsets.UTF_8)), 20));
    }

    /** Folds a digest to {@code size} bytes by XOR-ing byte i into position i mod size. */
    static byte[] fold(byte[] digest, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < digest.length; i++) {
            out[i % size] ^= digest[i];
        }
        return out;
    }

    /**
     * Base32 as Nix writes it: the last character holds the lowest five bits of byte 0, i.e. the
     * byte string is read as one little-endian number and printed most significant digit first.
     */
    static String base32(byte[] bytes) {
        int chars = (bytes.length * 8 + 4) / 5;
        StringBuilder out = new StringBuilder(chars);
        for (int n = chars - 1; n >= 0; n--) {
            int bit = n * 5;
            int index = bit / 8;
            int shift = bit % 8;
            int value = (bytes[index] & 0xff) >>> shift;
            if (index + 1 < bytes.length) {
                value |= (bytes[index + 1] & 0xff) << (8 - shift);
            }
            out.append(ALPHABET.charAt(value & 0x1f));
        }
        return out.toString();
    }

    public static boolean isValid(String hash) {
        if (hash.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            if (ALPHABET.indexOf(hash.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
