package org.jmicrovm.build.initrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleSignatureTest {
    private static byte[] signed(byte[] module, byte[] signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(module);
        out.writeBytes(signature);
        // struct module_signature: algo, hash, id_type, signer_len, key_id_len, 3 pad bytes, sig_len (big-endian)
        out.writeBytes(new byte[] {0, 0, 2, 0, 0, 0, 0, 0});
        out.writeBytes(ByteBuffer.allocate(4).putInt(signature.length).array());
        out.writeBytes(ModuleSignature.MARKER);
        return out.toByteArray();
    }

    @Test
    void theAppendedSignatureIsCutAtTheLengthItsTrailerGives() {
        byte[] module = "\u007fELF module body".getBytes(StandardCharsets.ISO_8859_1);
        byte[] pkcs7 = new byte[300];
        java.util.Arrays.fill(pkcs7, (byte) 0x30);
        assertThat(ModuleSignature.strip(signed(module, pkcs7))).isEqualTo(module);
    }

    @Test
    void modulesWithoutOrWithAMalformedSignatureAreLeftAlone() {
        byte[] plain = "\u007fELF unsigned".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ModuleSignature.strip(plain)).isSameAs(plain);
        byte[] tooLong = signed("x".getBytes(StandardCharsets.US_ASCII), new byte[4]);
        tooLong[tooLong.length - ModuleSignature.MARKER.length - 1] = 100; // claims more than the file holds
        assertThat(ModuleSignature.strip(tooLong)).isSameAs(tooLong);
    }

    @Test
    void signaturesAreKeptWhenTheKernelCommandLineEnforcesThem() {
        assertThat(ModuleSignature.enforced(List.of("loglevel=7"))).isFalse();
        assertThat(ModuleSignature.enforced(List.of("module.sig_enforce=1"))).isTrue();
        assertThat(ModuleSignature.enforced(List.of("module.sig_enforce"))).isTrue();
        assertThat(ModuleSignature.enforced(List.of("lockdown=integrity"))).isTrue();
        assertThat(ModuleSignature.enforced(List.of("module.sig_enforce=0"))).isFalse();
    }
}
