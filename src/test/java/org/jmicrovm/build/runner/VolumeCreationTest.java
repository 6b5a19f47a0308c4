package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Volume;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated {@code bin/microvm-run} for real, with busybox standing in for the hypervisor: busybox
 * picks its applet from argv[0], so its "applet not found" names the process name microvm-run gave it.
 */
class VolumeCreationTest {
    @TempDir
    Path tmp;
    Path state;
    Path runner;

    @BeforeEach
    void tools() throws IOException {
        assumeTrue(Host.executable("/usr/sbin/mkfs.ext4") && Host.executable("/usr/bin/busybox")
            && Host.executable("/usr/sbin/e2label"), "needs e2fsprogs and busybox");
        state = Files.createDirectories(tmp.resolve("state"));
        runner = tmp.resolve("runner");
    }

    private Host.Result run(MicroVmSpec spec) throws IOException, InterruptedException {
        var tools = HostTools.debian12().with(HostTools.Tool.QEMU_X86_64, "/usr/bin/busybox", HostTools.VirtiofsdFlavour.C_QEMU);
        var ctx = RunnerContext.of(runner.toString(), tools, Accelerator.kvm("test"));
        if (!Files.exists(runner)) new RunnerLayout(ctx).render(spec, ExampleVm.ARTEFACTS).writeTo(runner);
        return Host.run(state, runner.resolve("bin/microvm-run").toString());
    }

    private static Volume volume(String image, int size, String label, List<String> mkfsArgs) {
        return new Volume(image, Optional.of("/data"), OptionalInt.of(size), true, "ext4", Optional.ofNullable(label),
            mkfsArgs, Optional.empty(), false, false, Volume.ImageType.RAW);
    }

    @Test
    void createsMissingVolumesOnceAndNeverTouchesExistingImages() throws Exception {
        byte[] foreign = "not a file system, keep me".getBytes();
        Files.write(state.resolve("kept.img"), foreign);
        var spec = MicroVmSpec.builder("vol-test").socket(null)
            .volume(volume("data.img", 16, "data", List.of("-q")))
            .volume(volume("kept.img", 64, null, List.of()))
            .build();

        var first = run(spec);
        assertThat(first.output()).as("argv[0] of the hypervisor").contains("microvm@vol-test: applet not found");
        Path image = state.resolve("data.img");
        assertThat(Files.size(image)).isEqualTo(16L << 20);
        assertThat(Host.run(state, "/usr/sbin/e2label", "data.img").output().trim()).isEqualTo("data");
        assertThat(Files.readAllBytes(state.resolve("kept.img"))).as("existing image untouched").isEqualTo(foreign);
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data.img", "kept.img");
        }

        String before = digest(image);
        Object inode = Files.readAttributes(image, BasicFileAttributes.class).fileKey();
        var second = run(spec);
        assertThat(second.output()).doesNotContain("mke2fs");
        assertThat(digest(image)).as("not reformatted").isEqualTo(before);
        assertThat(Files.readAttributes(image, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }

    @Test
    void aFailingMkfsLeavesNoImageBehind() throws Exception {
        var spec = MicroVmSpec.builder("vol-fail").socket(null)
            .volume(volume("broken.img", 16, null, List.of("-O", "no_such_feature"))).build();
        var r = run(spec);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("microvm-run: mkfs.ext4 failed; broken.img was not created")
            .doesNotContain("applet not found");
        try (var files = Files.list(state)) {
            assertThat(files).as("neither the image nor its temporary file").isEmpty();
        }
    }

    private static String digest(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
