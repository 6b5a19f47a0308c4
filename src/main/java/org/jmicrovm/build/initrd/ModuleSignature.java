package org.jmicrovm.build.initrd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The signature a kernel module carries at its end (scripts/sign-file's layout): the module, the
 * PKCS#7 signature, a 12-byte {@code struct module_signature} whose last field is the signature's
 * length (big-endian), and the marker {@code "~Module signature appended~\n"}.
 *
 * <p>Why stage 1's modules are loaded without it: the kernel hashes the whole module and checks
 * the signature before loading it, which under TCG costs ~50 ms for the ~0.7 MB of modules a
 * virtiofs guest needs (fuse.ko alone is 0.4 MB), a quarter of what stage 1 costs. An unsigned
 * module loads the same on a kernel that does not enforce signatures (Debian's does not), which
 * only marks itself tainted ({@code E} in {@code /proc/sys/kernel/tainted}). A VM whose kernel
 * command line enforces signatures ({@code module.sig_enforce}, {@code lockdown=}) keeps them.
 */
public final class ModuleSignature {
    static final byte[] MARKER = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);
    private static final int INFO_SIZE = 12;

    private ModuleSignature() {}

    /** The module without its appended signature; unchanged if it has none (or a malformed one). */
    public static byte[] strip(byte[] module) {
        int end = module.length - MARKER.length;
        if (end < INFO_SIZE || !Arrays.equals(module, end, module.length, MARKER, 0, MARKER.length)) {
            return module;
        }
        long sigLen = Integer.toUnsignedLong(ByteBuffer.wrap(module, end - 4, 4).getInt());
        long cut = end - INFO_SIZE - sigLen;
        if (cut <= 0) {
            return module;
        }
        return Arrays.copyOf(module, (int) cut);
    }

    /** Whether a kernel booted with {@code params} refuses unsigned modules (or may: lockdown). */
    public static boolean enforced(List<String> params) {
        return params.stream().anyMatch(p -> p.equals("module.sig_enforce") || p.equals("module.sig_enforce=1")
                || p.equalsIgnoreCase("module.sig_enforce=y") || p.startsWith("lockdown="));
    }
}
