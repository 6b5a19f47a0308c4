package org.jmicrovm.build.debian;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A small signed Debian repository made in the test and served over HTTP on 127.0.0.1: a test key
 * (RSA, generated with Bouncy Castle) signs InRelease, Packages.xz lists real .deb files built here.
 * {@link #tamper} replaces what the server answers for one path, to check refusals.
 */
final class TestRepository implements AutoCloseable {
    final String suite = "testing-jmv";
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final PGPKeyPair key;
    final byte[] publicKeyring;

    /** A package to put into the repository: control fields plus data files (path → content, mode). */
    record Pkg(String name, String version, String depends, Map<String, String> files) {}

    TestRepository(List<Pkg> packages) throws Exception {
        key = newKey();
        PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, key,
                "jmicrovm test archive <test@localhost>",
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), null, null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), null);
        publicKeyring = gen.generatePublicKeyRing().getEncoded();

        StringBuilder index = new StringBuilder();
        for (Pkg p : packages) {
            byte[] deb = deb(p);
            String file = "pool/main/" + p.name() + "_" + p.version() + "_amd64.deb";
            files.put("/debian/" + file, deb);
            index.append("Package: ").append(p.name()).append("\nVersion: ").append(p.version())
                    .append("\nArchitecture: amd64\nPriority: optional\n");
            if (!p.depends().isEmpty()) {
                index.append("Depends: ").append(p.depends()).append('\n');
            }
            index.append("Filename: ").append(file).append("\nSize: ").append(deb.length)
                    .append("\nSHA256: ").append(sha256(deb)).append("\n\n");
        }
        byte[] packagesXz = xz(index.toString().getBytes(StandardCharsets.UTF_8));
        String dists = "/debian/dists/" + suite + "/";
        files.put(dists + "main/binary-amd64/Packages.xz", packagesXz);
        String release = "Origin: jmicrovm-test\nSuite: " + suite + "\nCodename: " + suite
                + "\nArchitectures: amd64\nComponents: main\nSHA256:\n " + sha256(packagesXz) + " "
                + packagesXz.length + " main/binary-amd64/Packages.xz\n";
        files.put(dists + "Release", release.getBytes(StandardCharsets.UTF_8));
        files.put(dists + "InRelease", clearsign(release));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body = served.getOrDefault(path, files.get(path));
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/debian";
    }

    byte[] file(String path) {
        return files.get(path);
    }

    /** From now on the server answers {@code path} with {@code body}. */
    void tamper(String path, byte[] body) {
        served.put(path, body);
    }

    static byte[] flipOneByte(byte[] in, int at) {
        byte[] out = in.clone();
        out[at] ^= 0x01;
        return out;
    }

    private static PGPKeyPair newKey() throws Exception {
        RSAKeyPairGenerator g = new RSAKeyPairGenerator();
        g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 80));
        AsymmetricCipherKeyPair kp = g.generateKeyPair();
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, kp, new Date());
    }

    /** Clearsigned as Debian's archive does it, canonicalized by this test's own code (RFC 4880 §7.1). */
    byte[] clearsign(String text) throws Exception {
        return clearsignWith(key, text);
    }

    static byte[] clearsignWithNewKey(String text) throws Exception {
        return clearsignWith(newKey(), text);
    }

    private static byte[] clearsignWith(PGPKeyPair key, String text) throws Exception {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String canonical = String.join("\r\n", body.lines().map(l -> l.replaceAll("[ \t]+$", "")).toList());
        PGPSignatureGenerator sg = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
                key.getPublicKey());
        sg.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, key.getPrivateKey());
        sg.update(canonical.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = new ArmoredOutputStream(armored)) {
            sg.generate().encode(a);
        }
        String signed = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
                + body.lines().map(l -> l.startsWith("-") ? "- " + l : l).reduce((x, y) -> x + "\n" + y).orElse("")
                + "\n" + armored.toString(StandardCharsets.US_ASCII);
        return signed.getBytes(StandardCharsets.UTF_8);
    }

    /** A real .deb: debian-binary, control.tar.xz, data.tar.xz in an ar archive. */
    static byte[] deb(Pkg p) throws IOException {
        Map<String, String> control = new LinkedHashMap<>();
        control.put("./control", "Package: " + p.name() + "\nVersion: " + p.version()
                + "\nArchitecture: amd64\nMaintainer: test\nDescription: test package\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.xz", xz(tar(control)));
            member(ar, "data.tar.xz", xz(tar(p.files())));
        }
        return out.toByteArray();
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, content.length));
        ar.write(content);
        ar.closeArchiveEntry();
    }

    /** Paths ending in / are directories; values starting with "-> " are symlinks; files are 0755. */
    private static byte[] tar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String v = e.getValue();
                TarArchiveEntry te;
                if (e.getKey().endsWith("/")) {
                    te = new TarArchiveEntry(e.getKey());
                    te.setMode(040755);
                    t.putArchiveEntry(te);
                } else if (v.startsWith("-> ")) {
                    te = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    te.setLinkName(v.substring(3));
                    t.putArchiveEntry(te);
                } else {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    te = new TarArchiveEntry(e.getKey());
                    te.setSize(b.length);
                    te.setMode(0100755);
                    t.putArchiveEntry(te);
                    t.write(b);
                }
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options())) {
            x.write(in);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) {
        return HexFormat.of().formatHex(Downloader.sha256().digest(b));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
