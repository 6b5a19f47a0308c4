package org.jmicrovm.build.pkgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Arm64ImageTest {
    @TempDir
    Path dir;

    /** A header as the arm64 boot protocol lays it out, followed by some "code". */
    private static byte[] image() {
        byte[] b = new byte[4096];
        b[0] = 0x4d; // "MZ": Debian's Image is also an EFI PE
        b[1] = 0x5a;
        b[56] = 'A';
        b[57] = 'R';
        b[58] = 'M';
        b[59] = 0x64;
        for (int i = 64; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    @Test
    void aPlainImageIsCopiedAsItIs() throws Exception {
        Files.write(dir.resolve("vmlinuz"), image());
        Arm64Image.writePlain(dir.resolve("vmlinuz"), dir.resolve("Image"));
        assertThat(Files.readAllBytes(dir.resolve("Image"))).isEqualTo(image());
    }

    @Test
    void aGzippedImageIsUnpacked() throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("vmlinuz")))) {
            out.write(image());
        }
        Arm64Image.writePlain(dir.resolve("vmlinuz"), dir.resolve("Image"));
        assertThat(Files.readAllBytes(dir.resolve("Image"))).isEqualTo(image());
    }

    @Test
    void somethingElseIsRefused() throws Exception {
        byte[] bz = image();
        bz[56] = 0;
        Files.write(dir.resolve("vmlinuz"), bz);
        assertThatThrownBy(() -> Arm64Image.writePlain(dir.resolve("vmlinuz"), dir.resolve("Image")))
                .hasMessageContaining("is not an arm64 kernel Image");
        assertThat(Arm64Image.isImage(new byte[10])).isFalse();
    }

    @Test
    void nixSystemsMapToDebianArchitectures() {
        assertThat(DebianPackages.debianArchitecture("x86_64-linux")).isEqualTo("amd64");
        assertThat(DebianPackages.debianArchitecture("aarch64-linux")).isEqualTo("arm64");
        assertThatThrownBy(() -> DebianPackages.debianArchitecture("riscv64-linux"))
                .hasMessageContaining("unknown system 'riscv64-linux'");
        assertThat(KernelFlavour.CLOUD.packageName("6.1.0-56", "arm64")).isEqualTo("linux-image-6.1.0-56-cloud-arm64");
        assertThat(KernelFlavour.GENERIC.packageName("6.1.0-56", "amd64")).isEqualTo("linux-image-6.1.0-56-amd64");
    }
}
