package org.jmicrovm.build.debian;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * The OpenPGP keys an archive's {@code InRelease} must be signed with. The built-in one is a copy
 * of Debian's {@code debian-archive-keyring.gpg} (package debian-archive-keyring 2023.3+deb12u2:
 * bullseye, bookworm and trixie archive, security and release keys) shipped in the jar, so trust
 * never depends on what a mirror serves.
 */
public final class ArchiveKeyring {
    private static final String BUILT_IN = "debian-archive-keyring.gpg";

    private final String description;
    private final PGPPublicKeyRingCollection keys;

    private ArchiveKeyring(String description, PGPPublicKeyRingCollection keys) {
        this.description = description;
        this.keys = keys;
    }

    public static ArchiveKeyring debian() {
        try (InputStream in = ArchiveKeyring.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BUILT_IN);
            }
            return of("Debian archive keyring (built in)", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ArchiveKeyring fromFile(Path file) {
        try {
            return of(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyring " + file + ": " + e.getMessage(), e);
        }
    }

    /** A binary or ASCII-armored keyring. */
    public static ArchiveKeyring of(String description, byte[] keyring) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyring))) {
            return new ArchiveKeyring(description, new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()));
        } catch (IOException | PGPException e) {
            throw new IllegalArgumentException("not an OpenPGP keyring: " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a clearsigned file as apt does: at least one good signature by a key of this
     * keyring, made with SHA-256 or stronger, and no bad one; signatures by unknown keys are
     * ignored. Returns the signed text (LF line ends) — the only part the caller may parse.
     */
    public String verifyClearSigned(String what, byte[] file) {
        ClearSigned cs = ClearSigned.split(what, new String(file, StandardCharsets.UTF_8));
        byte[] data = cs.canonicalText().getBytes(StandardCharsets.UTF_8);
        int good = 0;
        List<String> problems = new ArrayList<>();
        try (InputStream armor = new ArmoredInputStream(
                new ByteArrayInputStream(cs.signatureBlock().getBytes(StandardCharsets.US_ASCII)))) {
            BcPGPObjectFactory f = new BcPGPObjectFactory(armor);
            for (Object o; (o = f.nextObject()) != null; ) {
                if (!(o instanceof PGPSignatureList list)) {
                    throw new ArchiveSignatureException(what + ": unexpected OpenPGP packet in the signature block");
                }
                for (PGPSignature sig : list) {
                    PGPPublicKey key = keys.getPublicKey(sig.getKeyID());
                    if (key == null) {
                        continue;
                    }
                    sig.init(new BcPGPContentVerifierBuilderProvider(), key);
                    sig.update(data);
                    String id = String.format("%016X", sig.getKeyID());
                    if (!sig.verify()) {
                        problems.add("signature by key " + id + " does not match the content");
                    } else if (key.hasRevocation()) {
                        problems.add("key " + id + " is revoked");
                    } else if (sig.getHashAlgorithm() < 8) {
                        problems.add("signature by key " + id + " uses a weak hash (algorithm "
                                + sig.getHashAlgorithm() + ")");
                    } else {
                        good++;
                    }
                }
            }
        } catch (IOException | PGPException e) {
            throw new ArchiveSignatureException(what + ": unreadable signature: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ArchiveSignatureException(what + " is not authentic: " + String.join("; ", problems)
                    + " (the file was changed after signing, or the mirror is broken); refusing it");
        }
        if (good == 0) {
            throw new ArchiveSignatureException(what + " is not signed by any key of " + description
                    + "; refusing it");
        }
        return cs.text();
    }

    /** The clearsigned framework: the signed text and the armored signature block. */
    record ClearSigned(String text, String signatureBlock) {
        static ClearSigned split(String what, String file) {
            String[] lines = file.replace("\r\n", "\n").split("\n", -1);
            int i = 0;
            while (i < lines.length && !lines[i].equals("-----BEGIN PGP SIGNED MESSAGE-----")) {
                i++;
            }
            if (i == lines.length) {
                throw new ArchiveSignatureException(what + " is not clearsigned (no BEGIN PGP SIGNED MESSAGE);"
                        + " refusing an unsigned file");
            }
            i++;
            while (i < lines.length && !lines[i].isEmpty()) {
                i++; // armor headers such as "Hash: SHA256"
            }
            i++;
            List<String> body = new ArrayList<>();
            while (i < lines.length && !lines[i].equals("-----BEGIN PGP SIGNATURE-----")) {
                String l = lines[i++];
                body.add(l.startsWith("- ") ? l.substring(2) : l);
            }
            if (i == lines.length) {
                throw new ArchiveSignatureException(what + " has no signature block; refusing it");
            }
            StringBuilder sig = new StringBuilder();
            for (; i < lines.length; i++) {
                sig.append(lines[i]).append('\n');
                if (lines[i].equals("-----END PGP SIGNATURE-----")) {
                    break;
                }
            }
            return new ClearSigned(String.join("\n", body), sig.toString());
        }

        /** RFC 4880 §7.1: trailing white space removed, CRLF line ends, no final line end. */
        String canonicalText() {
            StringBuilder s = new StringBuilder();
            String[] ls = text.split("\n", -1);
            for (int k = 0; k < ls.length; k++) {
                if (k > 0) {
                    s.append("\r\n");
                }
                s.append(ls[k].replaceAll("[ \t]+$", ""));
            }
            return s.toString();
        }
    }
}
