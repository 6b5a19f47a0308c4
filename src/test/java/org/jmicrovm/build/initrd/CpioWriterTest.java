package org.jmicrovm.build.initrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.build.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpioWriterTest {
    @TempDir
    Path dir;

    private byte[] sample() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioWriter cpio = new CpioWriter(bytes)) {
            cpio.directory("bin", 0755);
            cpio.file("bin/hello", 0755, "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
            cpio.symlink("bin/sh", "hello");
            cpio.file("odd", 0600, new byte[] {1, 2, 3}); // length not a multiple of 4: padding matters
            cpio.file("after-odd", 0644, "x".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void busyboxCpioExtractsWhatWasWritten() throws Exception {
        Path archive = dir.resolve("a.cpio");
        Files.write(archive, sample());
        Path out = Files.createDirectory(dir.resolve("out"));
        Exec.check(out, List.of("sh", "-c", "busybox cpio -id < " + archive));

        assertThat(Files.readString(out.resolve("bin/hello"))).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(Files.isExecutable(out.resolve("bin/hello"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("bin/sh")).toString()).isEqualTo("hello");
        assertThat(Files.readAllBytes(out.resolve("odd"))).containsExactly(1, 2, 3);
        assertThat(Files.readString(out.resolve("after-odd"))).isEqualTo("x");
    }

    @Test
    void equalInputsGiveIdenticalArchivesInNewcFormat() throws Exception {
        byte[] a = sample();
        assertThat(a).isEqualTo(sample());
        assertThat(new String(a, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("070701");
        assertThat(a.length % 4).isZero();
        assertThat(new String(a, StandardCharsets.US_ASCII)).contains("TRAILER!!!");
    }

    @Test
    void duplicateOrAbsoluteNamesAreRefused() throws Exception {
        CpioWriter cpio = new CpioWriter(new ByteArrayOutputStream());
        cpio.directory("bin", 0755);
        assertThatThrownBy(() -> cpio.directory("bin", 0755)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> cpio.file("/etc/x", 0644, new byte[0])).hasMessageContaining("relative");
    }
}
