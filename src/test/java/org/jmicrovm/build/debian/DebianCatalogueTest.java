package org.jmicrovm.build.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.build.pkgs.DebCache;
import org.jmicrovm.build.pkgs.DebianPackageSet;
import org.jmicrovm.build.pkgs.PkgsLock;
import org.jmicrovm.build.pkgs.Progress;
import org.jmicrovm.host.DebianCatalogue;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.pkgs.BuiltinPackages;
import org.jmicrovm.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pkgs.<name>} backed by a signed test archive on 127.0.0.1: names, versions and outPath as
 * Nix code sees them, unknown names, and a lock that spares the archive.
 */
class DebianCatalogueTest {
    private static final String PKGS = "let pkgs = import <nixpkgs> { system = \"x86_64-linux\"; }; in ";

    @TempDir
    Path tmp;
    TestRepository repo;
    Store store;
    int archiveLoads;

    @BeforeEach
    void serve() throws Exception {
        Map<String, String> hello = new LinkedHashMap<>();
        hello.put("./usr/bin/hello-jmv", "#!/bin/sh\necho hello\n");
        Map<String, String> cxx = new LinkedHashMap<>();
        cxx.put("./usr/bin/c++-jmv", "#!/bin/sh\necho compiled\n");
        Map<String, String> passwd = new LinkedHashMap<>();
        passwd.put("./usr/share/base-passwd/passwd.master", "root:*:0:0:root:/root:/bin/sh\n");
        passwd.put("./usr/share/base-passwd/group.master", "root:*:0:\n");
        repo = new TestRepository(List.of(
                new TestRepository.Pkg("hello-jmv", "1.0-1", "", hello),
                new TestRepository.Pkg("c++-jmv", "2:4.5-1", "hello-jmv", cxx),
                new TestRepository.Pkg("base-passwd", "3.6.1", "", passwd)));
        store = Store.open(tmp.resolve("store"));
    }

    @AfterEach
    void stop() {
        repo.close();
    }

    private DebianPackageSet packageSet(PkgsLock lock) {
        DebCache debs = new DebCache(tmp.resolve("debs"), Progress.silent(), List.of(repo.uri()), false);
        return new DebianPackageSet(store, debs, "x86_64-linux", lock, () -> {
            archiveLoads++;
            return new DebianArchive(List.of(new AptSource(repo.uri(), List.of(repo.suite), List.of("main"))),
                    ArchiveKeyring.of("test key", repo.publicKeyring), tmp.resolve("indexes"), false, line -> { });
        }, Progress.silent());
    }

    private static String eval(DebianPackageSet set, String expression) {
        try (ModuleSystem system = ModuleSystem.create(EvalOptions.defaults(), new DebianCatalogue(s -> set))) {
            return system.nix().toJson(system.nix().evalString(expression, Path.of("/")));
        }
    }

    @Test
    void packagesHaveDebianNamesAndVersions() {
        DebianPackageSet set = packageSet(PkgsLock.empty("bookworm"));
        assertThat(eval(set, PKGS + "[ pkgs.hello-jmv.name pkgs.hello-jmv.pname pkgs.hello-jmv.version"
                + " pkgs.\"c++-jmv\".name pkgs.\"c++-jmv\".type (pkgs ? hello-jmv) (pkgs ? no-such-jmv) ]"))
                .isEqualTo("[\"hello-jmv-1.0-1\",\"hello-jmv\",\"1.0-1\",\"c++-jmv-2:4.5-1\",\"derivation\",true,false]");
    }

    @Test
    void outPathIsThePackageUnpackedInTheStore() throws Exception {
        DebianPackageSet set = packageSet(PkgsLock.empty("bookworm"));
        String json = eval(set, PKGS + "\"${pkgs.\"c++-jmv\"}/bin/c++-jmv\"");
        String path = json.substring(1, json.length() - 1);
        assertThat(path).isEqualTo(set.outPath("c++-jmv").path() + "/bin/c++-jmv").startsWith(store.root() + "/");
        assertThat(Files.readString(Path.of(path))).isEqualTo("#!/bin/sh\necho compiled\n");
    }

    @Test
    void anUnknownPackageIsAnErrorNamingIt() {
        DebianPackageSet set = packageSet(PkgsLock.empty("bookworm"));
        assertThatThrownBy(() -> eval(set, PKGS + "pkgs.no-such-jmv.version"))
                .isInstanceOf(NixException.class)
                .hasMessageContaining("no-such-jmv");
    }

    @Test
    void aMisspelledOrNixpkgsStyleNameIsAnsweredWithTheCloseDebianNames() {
        DebianPackageSet set = packageSet(PkgsLock.empty("bookworm"));
        assertThatThrownBy(() -> eval(set, PKGS + "pkgs.helo-jmv.version"))
                .isInstanceOf(NixException.class)
                .satisfies(e -> assertThat(((NixException) e).render())
                        .contains("attribute 'helo-jmv' missing", "Did you mean hello-jmv?"));
        // `hello' is a nixpkgs name jmicrovm knows it lacks; the Debian archive is asked what comes close
        assertThatThrownBy(() -> eval(set, PKGS + "pkgs.hello.version"))
                .isInstanceOf(NixException.class)
                .satisfies(e -> assertThat(((NixException) e).render()).contains(
                        "Debian's archive has no `hello' either. Did you mean hello-jmv?"));
        assertThat(set.hintFor("zzzz")).isEmpty();
    }

    @Test
    void lockedNamesAndBuiltinsNeverLoadTheArchive() {
        DebianPackageSet first = packageSet(PkgsLock.empty("bookworm"));
        first.closure(List.of("c++-jmv"));
        assertThat(archiveLoads).isEqualTo(1);
        DebianPackageSet locked = packageSet(first.lock());
        assertThat(eval(locked, PKGS + "[ pkgs.\"c++-jmv\".version pkgs.hello-jmv.version pkgs.busybox.version"
                + " pkgs.linux.version ]"))
                .isEqualTo("[\"2:4.5-1\",\"1.0-1\",\"" + BuiltinPackages.BUSYBOX_VERSION + "\",\""
                        + BuiltinPackages.KERNEL_VERSION + "\"]");
        assertThat(archiveLoads).isEqualTo(1);
        assertThat(locked.archiveLoaded()).isFalse();
    }
}
