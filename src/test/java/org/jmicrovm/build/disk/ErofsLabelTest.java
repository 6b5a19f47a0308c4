package org.jmicrovm.build.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.build.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErofsLabelTest {
    @TempDir
    Path dir;

    @Test
    void theLabelIsWrittenAndTheSuperblockChecksumStaysValid() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/a"));
        Files.writeString(src.resolve("f"), "hello");
        Path image = dir.resolve("img");
        Exec.check(null, List.of("mkfs.erofs", "--quiet", "-zlz4hc", image.toString(), dir.resolve("src").toString()));

        ErofsLabel.set(image, "nix-store");

        assertThat(Exec.check(null, List.of("blkid", "-o", "value", "-s", "LABEL", image.toString())))
                .isEqualTo("nix-store\n");
        // a second edit verifies the checksum the first one wrote
        ErofsLabel.set(image, "other");
        assertThat(Exec.check(null, List.of("blkid", "-o", "value", "-s", "LABEL", image.toString())))
                .isEqualTo("other\n");
    }

    @Test
    void otherFilesAreRefused() throws Exception {
        Path notErofs = dir.resolve("zeros");
        Files.write(notErofs, new byte[8192]);
        assertThatThrownBy(() -> ErofsLabel.set(notErofs, "x")).hasMessageContaining("not an erofs image");
    }

    @Test
    void gensquashfsFlagsBecomeMksquashfsFlags() {
        assertThat(StoreDisk.squashfsFlags(List.of("-c", "zstd", "-j", "4", "-b", "1M")))
                .containsExactly("-comp", "zstd", "-processors", "4", "-b", "1M");
    }
}
