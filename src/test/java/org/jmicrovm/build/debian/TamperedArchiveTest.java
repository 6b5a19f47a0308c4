package org.jmicrovm.build.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.build.pkgs.DebCache;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.build.pkgs.PackageRoot;
import org.jmicrovm.build.pkgs.PkgsLock;
import org.jmicrovm.build.pkgs.Progress;
import org.jmicrovm.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed test repository on 127.0.0.1: the good one resolves, unpacks and merges; a byte changed
 * in InRelease, Packages.xz or a .deb (or a signature by another key, or none) is refused and
 * nothing reaches the store.
 */
class TamperedArchiveTest {
    @TempDir
    Path tmp;
    TestRepository repo;
    Store store;

    @BeforeEach
    void serve() throws Exception {
        Map<String, String> hello = new LinkedHashMap<>();
        hello.put("./", "");
        hello.put("./usr/", "");
        hello.put("./usr/bin/", "");
        hello.put("./usr/bin/hello-jmv", "#!/bin/sh\necho hello\n");
        hello.put("./bin/", "");
        hello.put("./bin/hello-legacy", "#!/bin/sh\necho legacy\n");
        Map<String, String> lib = new LinkedHashMap<>();
        lib.put("./usr/lib/libjmv.so.1", "not really a library");
        lib.put("./usr/lib/libjmv.so", "-> libjmv.so.1");
        Map<String, String> passwd = new LinkedHashMap<>();
        passwd.put("./usr/share/base-passwd/passwd.master", "root:*:0:0:root:/root:/bin/sh\n");
        passwd.put("./usr/share/base-passwd/group.master", "root:*:0:\n");
        repo = new TestRepository(List.of(
                new TestRepository.Pkg("hello-jmv", "1.0-1", "libjmv (>= 2.0) | libjmv-alt", hello),
                new TestRepository.Pkg("libjmv", "2.1-1", "", lib),
                new TestRepository.Pkg("base-passwd", "3.6.1", "", passwd)));
        store = Store.open(tmp.resolve("store"));
    }

    @AfterEach
    void stop() {
        repo.close();
    }

    private DebianPackageSet packageSet() {
        DebianArchive archive = new DebianArchive(List.of(new AptSource(repo.uri(), List.of(repo.suite), List.of("main"))),
                ArchiveKeyring.of("test key", repo.publicKeyring), tmp.resolve("indexes"), false, line -> { });
        DebCache debs = new DebCache(tmp.resolve("debs"), Progress.silent(), List.of(repo.uri()), false);
        return new DebianPackageSet(store, debs, "x86_64-linux", PkgsLock.empty("bookworm"), () -> archive,
                Progress.silent());
    }

    private void assertNothingInTheStore() throws Exception {
        assertThat(store.list()).isEmpty();
        try (var s = Files.list(store.root().resolve(".tmp"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void theSignedRepositoryResolvesAndUnpacks() throws Exception {
        DebianPackageSet pkgs = packageSet();
        assertThat(pkgs.closure(List.of("hello-jmv"))).containsExactly("hello-jmv", "libjmv");
        PackageRoot root = pkgs.root(List.of("hello-jmv"));
        assertThat(Files.readString(root.resolve("usr/bin/hello-jmv"))).contains("echo hello");
        assertThat(Files.readString(root.resolve("bin/hello-legacy"))).contains("echo legacy");
        assertThat(Files.isSymbolicLink(root.resolve("bin"))).isTrue();
        assertThat(Files.readSymbolicLink(root.resolve("usr/lib/libjmv.so"))).isEqualTo(Path.of("libjmv.so.1"));
        assertThat(root.passwd()).isEqualTo("root:x:0:0:root:/root:/bin/sh\n");
        assertThat(pkgs.lock().find("amd64", "hello-jmv").orElseThrow().depends()).containsExactly("libjmv");
    }

    @Test
    void aByteChangedInInReleaseIsRefused() throws Exception {
        String path = "/debian/dists/" + repo.suite + "/InRelease";
        String text = new String(repo.file(path), StandardCharsets.UTF_8);
        repo.tamper(path, TestRepository.flipOneByte(repo.file(path), text.indexOf("Origin: jmicrovm-test") + 9));
        assertThatThrownBy(() -> packageSet().root(List.of("hello-jmv")))
                .isInstanceOf(ArchiveSignatureException.class)
                .hasMessageContaining("InRelease is not authentic: signature by key")
                .hasMessageContaining("does not match the content");
        assertNothingInTheStore();
    }

    @Test
    void anUnsignedOrForeignSignedInReleaseIsRefused() throws Exception {
        String path = "/debian/dists/" + repo.suite + "/InRelease";
        repo.tamper(path, repo.file("/debian/dists/" + repo.suite + "/Release"));
        assertThatThrownBy(() -> packageSet().root(List.of("hello-jmv")))
                .hasMessageContaining("is not clearsigned").hasMessageContaining("refusing an unsigned file");
        String release = new String(repo.file("/debian/dists/" + repo.suite + "/Release"), StandardCharsets.UTF_8);
        repo.tamper(path, TestRepository.clearsignWithNewKey(release));
        assertThatThrownBy(() -> packageSet().root(List.of("hello-jmv")))
                .hasMessageContaining("is not signed by any key of test key");
        assertNothingInTheStore();
    }

    @Test
    void aByteChangedInPackagesXzIsRefused() throws Exception {
        String path = "/debian/dists/" + repo.suite + "/main/binary-amd64/Packages.xz";
        repo.tamper(path, TestRepository.flipOneByte(repo.file(path), 40));
        assertThatThrownBy(() -> packageSet().root(List.of("hello-jmv")))
                .isInstanceOf(ArchiveSignatureException.class)
                .hasMessageContaining("main/binary-amd64/Packages.xz from " + repo.uri())
                .hasMessageContaining("but the signed index says " + TestRepository.sha256(repo.file(path)));
        assertNothingInTheStore();
        try (var cached = Files.list(tmp.resolve("indexes/by-hash"))) {
            assertThat(cached.toList()).as("no index is cached, not even partly").isEmpty();
        }
    }

    @Test
    void aByteChangedInADebIsRefused() throws Exception {
        String path = "/debian/pool/main/libjmv_2.1-1_amd64.deb";
        repo.tamper(path, TestRepository.flipOneByte(repo.file(path), repo.file(path).length - 10));
        assertThatThrownBy(() -> packageSet().root(List.of("hello-jmv")))
                .isInstanceOf(ArchiveSignatureException.class)
                .hasMessageContaining("libjmv from " + repo.uri() + "/pool/main/libjmv_2.1-1_amd64.deb has"
                        + " SHA-256 ");
        // every .deb is verified before anything is unpacked: not even the good hello-jmv reached the store
        assertNothingInTheStore();
        try (var s = Files.list(tmp.resolve("debs"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .doesNotContain(TestRepository.sha256(repo.file(path)) + ".deb")
                    .allMatch(n -> n.endsWith(".deb"));
        }
    }
}
