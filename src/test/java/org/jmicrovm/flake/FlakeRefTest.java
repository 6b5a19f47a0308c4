package org.jmicrovm.flake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.jmicrovm.flake.FlakeRef.GitFlake;
import org.jmicrovm.flake.FlakeRef.PathFlake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlakeRefTest {

    @TempDir
    Path tmp;

    @Test
    void parsesLocalReferencesAndResolvesRelativeOnesAgainstTheCaller() {
        Path cwd = Path.of("/home/me/vms");
        assertThat(FlakeRef.parse("path:/etc/vms", cwd)).isEqualTo(new PathFlake(Path.of("/etc/vms")));
        assertThat(FlakeRef.parse(".", cwd)).isEqualTo(new PathFlake(cwd));
        assertThat(FlakeRef.parse("../other", cwd)).isEqualTo(new PathFlake(Path.of("/home/me/other")));
        assertThat(FlakeRef.parse("path:sub", cwd)).isEqualTo(new PathFlake(Path.of("/home/me/vms/sub")));
        assertThat(FlakeRef.parse("git+file:///etc/nixos", cwd)).isEqualTo(
                new GitFlake(Path.of("/etc/nixos"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(FlakeRef.parse("git+file:///srv/repo?ref=main&dir=vms", cwd)).isEqualTo(
                new GitFlake(Path.of("/srv/repo"), Optional.of("main"), Optional.empty(), Optional.of("vms")));
        assertThat(FlakeRef.parse("git+file:///srv/repo?ref=main&dir=vms", cwd).text())
                .isEqualTo("git+file:///srv/repo?ref=main&dir=vms");
        var withAttr = FlakeRef.parseWithAttribute("/etc/nixos#my-host", cwd);
        assertThat(withAttr.attribute()).contains("my-host");
        assertThat(withAttr.flake()).isEqualTo(new PathFlake(Path.of("/etc/nixos")));
    }

    @Test
    void refusesWhatItCannotFetchWithAHint() {
        Path cwd = Path.of("/");
        assertThatThrownBy(() -> FlakeRef.parse("github:astro/microvm.nix", cwd))
                .hasMessageContaining("scheme 'github:' is not supported").hasMessageContaining("use path:/dir");
        assertThatThrownBy(() -> FlakeRef.parse("nixpkgs", cwd)).hasMessageContaining("registry names");
        assertThatThrownBy(() -> FlakeRef.parse("git+file:///r?shallow=1", cwd))
                .hasMessageContaining("parameter 'shallow' is not supported");
        assertThatThrownBy(() -> FlakeRef.parse("", cwd)).hasMessageContaining("empty");
    }

    @Test
    void gitFlakesSeeOnlyCommittedFilesAndFollowRefs() throws Exception {
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("flake.nix"), "{ outputs = _: { v = 1; }; }\n");
            Files.createDirectories(repo.resolve("vms"));
            Files.writeString(repo.resolve("vms/a.nix"), "1\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
            Files.writeString(repo.resolve("flake.nix"), "{ outputs = _: { v = 2; }; }\n");
            Files.writeString(repo.resolve("uncommitted.nix"), "x\n");

            FlakeRef ref = FlakeRef.parse("git+file://" + repo, tmp);
            String before = FlakeSource.fingerprint(ref);
            Path copy = tmp.resolve("copy");
            FlakeSource.copyTo(ref, copy);
            assertThat(Files.readString(copy.resolve("flake.nix"))).contains("v = 1");
            assertThat(copy.resolve("vms/a.nix")).exists();
            assertThat(copy.resolve("uncommitted.nix")).doesNotExist();

            git.add().addFilepattern(".").call();
            git.commit().setMessage("two").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
            assertThat(FlakeSource.fingerprint(ref)).isNotEqualTo(before);
            Path second = tmp.resolve("copy2");
            FlakeSource.copyTo(ref, second);
            assertThat(Files.readString(second.resolve("flake.nix"))).contains("v = 2");

            assertThatThrownBy(() -> FlakeSource.fingerprint(FlakeRef.parse("git+file://" + repo + "?ref=nope", tmp)))
                    .hasMessageContaining("has no commit 'nope'");
        }
        assertThatThrownBy(() -> FlakeSource.fingerprint(FlakeRef.parse("git+file://" + tmp.resolve("none"), tmp)))
                .hasMessageContaining("is not a git repository");
    }

    @Test
    void pathFlakesSeeTheDirectoryAsItIs() throws Exception {
        Path dir = tmp.resolve("vms");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("flake.nix"), "{ }\n");
        FlakeRef ref = FlakeRef.parse(dir.toString(), tmp);
        String first = FlakeSource.fingerprint(ref);
        assertThat(FlakeSource.fingerprint(ref)).isEqualTo(first);
        Files.writeString(dir.resolve("more.nix"), "1\n");
        assertThat(FlakeSource.fingerprint(ref)).isNotEqualTo(first);
        FlakeSource.copyTo(ref, tmp.resolve("copy"));
        assertThat(tmp.resolve("copy/more.nix")).exists();
        assertThatThrownBy(() -> FlakeSource.fingerprint(FlakeRef.parse(tmp.toString(), tmp)))
                .hasMessageContaining("has no flake.nix");
    }
}
