package org.jmicrovm.lang.builtins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Force;

/** {@code hashString} and {@code hashFile}: md5, sha1, sha256, sha512 as lowercase hex. */
final class HashBuiltins {

    private HashBuiltins() {}

    static void register(Registry r) {
        r.primop("hashString", 2, (ev, a, pos) -> {
            MessageDigest md = digest(Force.string(a[0], pos), pos);
            String s = Force.string(a[1], pos);
            return Args.str(HexFormat.of().formatHex(md.digest(ByteStrings.toBytes(s))));
        });
        r.primop("hashFile", 2, (ev, a, pos) -> {
            MessageDigest md = digest(Force.string(a[0], pos), pos);
            Path file = Path.of(ByteStrings.toText(ev.coerceToPath(a[1].force(), pos)));
            try {
                return Args.str(HexFormat.of().formatHex(md.digest(Files.readAllBytes(file))));
            } catch (NoSuchFileException e) {
                throw new EvalError("opening file '" + file + "': No such file or directory", pos);
            } catch (IOException e) {
                throw new EvalError("reading file '" + file + "': " + e.getMessage(), pos);
            }
        });
    }

    static MessageDigest digest(String type, Pos pos) {
        String algorithm = switch (type) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new EvalError("unknown hash algorithm '" + ByteStrings.toText(type) + "'", pos);
        };
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
