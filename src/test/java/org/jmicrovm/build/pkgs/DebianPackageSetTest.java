package org.jmicrovm.build.pkgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.build.Exec;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.build.debian.DebUnpacker;
import org.jmicrovm.store.StorePath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package set on the real archive: lazy lookup, lock, unpacking like dpkg, merged roots. */
@Tag("archive")
class DebianPackageSetTest {
    @TempDir
    Path tmp;

    private final DebianPackageSet pkgs = TestPackages.packageSet();

    @Test
    void theJavaUnpackerProducesWhatDpkgDebAndTarProduce() throws Exception {
        // xz members everywhere; setuid (mount), hard links (perl-base), many symlinks (libc6), /bin and /lib entries
        for (String name : List.of("nginx", "busybox-static", "libc6", "python3.11-minimal", "ca-certificates",
                "mount", "perl-base", "util-linux")) {
            LockedPackage p = pkgs.lock().find("amd64", name).orElseGet(() -> {
                pkgs.find(name);
                return pkgs.lock().find("amd64", name).orElseThrow();
            });
            Path deb = TestPackages.debCache().get(p.deb(), Optional.of(p.archive()));
            Path ours = Files.createDirectories(tmp.resolve("ours-" + name));
            DebUnpacker.unpack(deb, ours, "amd64", null);
            Path dpkg = Files.createDirectories(tmp.resolve("dpkg-" + name));
            DebUnpacker.mergedUsrSkeleton(dpkg, "amd64");
            Exec.check(null, List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x --keep-directory-symlink -C \"$2\"",
                    "-", deb.toString(), dpkg.toString()));
            assertThat(listing(ours)).as(name).isEqualTo(listing(dpkg));
            Exec.check(null, List.of("diff", "-r", "--no-dereference", ours.toString(), dpkg.toString()));
        }
    }

    @Test
    void zstdGzipAndUncompressedMembersUnpackLikeDpkgToo() throws Exception {
        pkgs.find("nginx-common");
        LockedPackage p = pkgs.lock().find("amd64", "nginx-common").orElseThrow();
        Path deb = TestPackages.debCache().get(p.deb(), Optional.of(p.archive()));
        Path work = Files.createDirectories(tmp.resolve("repack"));
        Exec.check(work, List.of("ar", "x", deb.toString()));
        Exec.check(work, List.of("xz", "-dk", "data.tar.xz"));
        // recompressed with the system's own tools, as Ubuntu (zstd) and old Debian (gzip) ship them
        Exec.check(work, List.of("zstd", "-q", "-19", "data.tar", "-o", "data.tar.zst"));
        Exec.check(work, List.of("gzip", "-k", "-9", "data.tar"));
        for (String member : List.of("data.tar.zst", "data.tar.gz", "data.tar")) {
            Path repacked = tmp.resolve("nginx-common-" + member + ".deb");
            Exec.check(work, List.of("ar", "rc", repacked.toString(), "debian-binary", "control.tar.xz", member));
            Path ours = Files.createDirectories(tmp.resolve("ours-" + member));
            DebUnpacker.unpack(repacked, ours, "amd64", null);
            Path dpkg = Files.createDirectories(tmp.resolve("dpkg-" + member));
            DebUnpacker.mergedUsrSkeleton(dpkg, "amd64");
            Exec.check(null, List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x --keep-directory-symlink -C \"$2\"",
                    "-", repacked.toString(), dpkg.toString()));
            assertThat(listing(ours)).as(member).isEqualTo(listing(dpkg)).contains("./usr/share/nginx/html/index.html f");
            Exec.check(null, List.of("diff", "-r", "--no-dereference", ours.toString(), dpkg.toString()));
        }
    }

    /** Every entry with type, mode (setuid bits too), link target and, for files, the hard-link count. */
    private static String listing(Path dir) throws Exception {
        return Exec.check(null, List.of("sh", "-c", "cd \"$1\" && find . -printf '%p %y %m %l %n\\n' | sort", "-",
                dir.toString()));
    }

    @Test
    void aRootTreeHasUsersAlternativesTheCaBundleAndNginxsDefaultSite() throws Exception {
        PackageRoot root = pkgs.root(List.of("nginx", "mawk", "ca-certificates"));
        Path r = root.path().path();
        assertThat(Files.isRegularFile(r.resolve("usr/sbin/nginx"))).isTrue();
        assertThat(Files.readSymbolicLink(r.resolve("bin"))).isEqualTo(Path.of("usr/bin"));
        assertThat(Files.isRegularFile(r.resolve("lib64/ld-linux-x86-64.so.2"))).isTrue();
        assertThat(root.passwd()).contains("root:x:0:0:", "www-data:x:33:33:");
        assertThat(root.group()).contains("www-data:x:33:");
        assertThat(Files.readSymbolicLink(r.resolve("usr/bin/awk"))).isEqualTo(Path.of("/etc/alternatives/awk"));
        assertThat(Files.readSymbolicLink(r.resolve("etc/alternatives/awk"))).isEqualTo(Path.of("/usr/bin/mawk"));
        assertThat(Files.readString(r.resolve("etc/ssl/certs/ca-certificates.crt")))
                .contains("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readSymbolicLink(r.resolve("etc/nginx/sites-enabled/default")))
                .isEqualTo(Path.of("/etc/nginx/sites-available/default"));
        assertThat(Files.isRegularFile(r.resolve("var/www/html/index.nginx-debian.html"))).isTrue();
        assertThat((Integer) Files.getAttribute(r.resolve("tmp"), "unix:mode") & 07777).isEqualTo(01555);
        // hard links into the package paths, not copies
        StorePath nginx = pkgs.outPath("nginx");
        assertThat(Files.isSameFile(r.resolve("usr/sbin/nginx"), nginx.resolve("usr/sbin/nginx"))).isTrue();
        assertThat(pkgs.store().references(root.path())).contains(nginx);
        // ${pkgs.nginx}/sbin/nginx works through the package's own merged-/usr links
        assertThat(Files.isRegularFile(nginx.resolve("sbin/nginx"))).isTrue();
        assertThat(Files.isRegularFile(nginx.resolve("DEBIAN/control"))).isTrue();
    }

    @Test
    void opensshServerGetsItsConfigAndItsSystemUserWithoutUsrmergeOrPerl() throws Exception {
        List<String> closure = pkgs.closure(List.of("openssh-server"));
        assertThat(closure).contains("usr-is-merged").doesNotContain("usrmerge", "perl");
        PackageRoot root = pkgs.root(List.of("openssh-server"));
        assertThat(Files.readString(root.resolve("etc/ssh/sshd_config"))).contains("KbdInteractiveAuthentication");
        assertThat(root.passwd()).containsPattern("(?m)^sshd:x:\\d+:65534::/run/sshd:/usr/sbin/nologin$");
    }

    @Test
    void withTheLockNoMetadataIsFetchedAndTheStorePathsAreTheSame() throws Exception {
        PackageRoot first = pkgs.root(List.of("nginx"));
        Path lockFile = tmp.resolve(PkgsLock.FILE_NAME);
        pkgs.lock().write(lockFile);
        PkgsLock reread = PkgsLock.read(lockFile);
        assertThat(reread).isEqualTo(pkgs.lock());

        DebCache offlineCache = new DebCache(TestPackages.debCache().dir(), Progress.silent(), List.of(), true);
        DebianPackageSet locked = new DebianPackageSet(pkgs.store(), offlineCache, "x86_64-linux", reread,
                () -> null, Progress.silent());
        PackageRoot again = locked.root(List.of("nginx"));
        assertThat(again.path()).isEqualTo(first.path());
        assertThat(locked.archiveLoaded()).isFalse();

        // the shared test package set's lock grows with every test that uses it: take a name none of them uses
        assertThat(reread.find("amd64", "cowsay")).isEmpty();
        assertThatThrownBy(() -> locked.find("cowsay"))
                .hasMessageContaining("offline: pkgs.cowsay is not in the lock " + PkgsLock.FILE_NAME);
        DebCache empty = new DebCache(tmp.resolve("empty-cache"), Progress.silent(), List.of(), true);
        LockedPackage nginx = reread.find("amd64", "nginx").orElseThrow();
        assertThatThrownBy(() -> empty.get(nginx.deb()))
                .hasMessageContaining("offline: nginx " + nginx.deb().version() + " (amd64) (SHA-256 "
                        + nginx.deb().sha256() + ") is not in the deb cache");
    }
}
