package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.build.pkgs.LockedDeb;
import org.jmicrovm.build.pkgs.LockedPackage;
import org.jmicrovm.build.pkgs.PackageLock;
import org.jmicrovm.build.pkgs.PkgsLock;
import org.jmicrovm.store.FileTrees;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm-host build --offline} as a user runs it (a separate process, so the deb cache is
 * chosen by {@code MICROVM_DEB_CACHE}): with the lock written by an online build and a cache holding
 * its .debs, a rebuild into an emptied store fetches nothing and gives the same store paths; with
 * one .deb missing from the cache it fails and names that .deb.
 */
@Tag("archive")
class OfflineBuildTest {
    private static final Pattern BUILT = Pattern.compile("built offline: (\\S+)");

    @TempDir
    Path tmp;

    static final String HOST = """
            { microvm, ... }: {
              imports = [ microvm.host ];
              microvm.vms.offline = {
                pkgs = import nixpkgs { system = "x86_64-linux"; };
                config = { pkgs, ... }: {
                  microvm.mem = 256;
                  systemd.services.greet = { wantedBy = [ "multi-user.target" ]; script = "${pkgs.hello}/bin/hello"; };
                };
              };
            }
            """;

    private record Run(int status, String output) {
        String runner() {
            Matcher m = BUILT.matcher(output);
            assertThat(m.find()).as(output).isTrue();
            return m.group(1);
        }
    }

    private Run build(Path cache, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MicrovmHostCommand.class.getName(), "build",
                "-c", tmp.resolve("host.nix").toString(), "--store=" + tmp.resolve("store"),
                "--state-dir=" + tmp.resolve("state")));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("MICROVM_DEB_CACHE", cache.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void anOfflineRebuildFromTheLockAndTheCacheGivesTheSameStorePathsAndAMissingDebIsNamed() throws Exception {
        Files.writeString(tmp.resolve("host.nix"), HOST);
        Path shared = TestPackages.debCache().dir();
        Run online = build(shared);
        assertThat(online.status()).as(online.output()).isZero();
        PkgsLock lock = PkgsLock.read(tmp.resolve(PkgsLock.FILE_NAME));
        LockedPackage hello = lock.find("amd64", "hello").orElseThrow();

        // a cache of exactly what the build needs: the lock's .debs and the built-in kernel and busybox
        Path cache = Files.createDirectories(tmp.resolve("debs"));
        List<String> needed = new ArrayList<>();
        lock.packages().values().forEach(p -> needed.add(p.deb().sha256()));
        PackageLock.builtIn().packages().stream().filter(d -> d.architecture().equals("amd64"))
                .map(LockedDeb::sha256).forEach(needed::add);
        for (String sha : needed) {
            Path from = shared.resolve(sha + ".deb");
            if (Files.exists(from)) {
                link(from, cache.resolve(sha + ".deb"));
            }
        }

        FileTrees.deleteRecursively(tmp.resolve("store"));
        Run offline = build(cache, "--offline");
        assertThat(offline.status()).as(offline.output()).isZero();
        assertThat(offline.runner()).isEqualTo(online.runner());
        assertThat(offline.output()).doesNotContain("fetching");
        assertThat(Files.readString(tmp.resolve(PkgsLock.FILE_NAME))).isEqualTo(lock.render());

        FileTrees.deleteRecursively(tmp.resolve("store"));
        Files.delete(cache.resolve(hello.deb().sha256() + ".deb"));
        Run missing = build(cache, "--offline");
        assertThat(missing.status()).as(missing.output()).isNotZero();
        assertThat(missing.output()).contains("offline: hello " + hello.deb().version(), hello.deb().sha256(),
                "is not in the deb cache " + cache);
    }

    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }
}
