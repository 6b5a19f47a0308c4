package org.jmicrovm.build.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our resolver against apt on the real archive (the host's configured mirror), in the same run:
 * both read the same signed indexes, and apt gets private lists and an empty status.
 */
@Tag("archive")
class ResolverAgainstAptTest {
    @TempDir
    static Path tmp;
    static AptOracle apt;
    static PackageIndex index;

    @BeforeAll
    static void load() throws Exception {
        apt = AptOracle.updated(tmp.resolve("apt"));
        DebianArchive archive = new DebianArchive(AptSources.forRelease(Path.of("/etc/apt"), "bookworm"),
                ArchiveKeyring.debian(), TestArchive.indexCache(), false, System.err::println);
        long t0 = System.nanoTime();
        index = archive.index("amd64");
        System.err.printf("index of %d packages loaded in %d ms%n", index.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static Map<String, String> versions(Resolution r) {
        Map<String, String> out = new TreeMap<>();
        r.selected().values().forEach(p -> out.put(p.name(), p.version().toString()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "python3", "openssh-server", "dropbear", "busybox"})
    void theSamePackagesAndVersionsAsApt(String root) throws Exception {
        Map<String, String> ours = versions(Resolver.aptLike(index).resolve(List.of(root)));
        assertThat(ours).isEqualTo(apt.simulate(List.of(root)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dropbear", "openssh-server", "nginx"})
    void jmicrovmsPolicyPrefersUsrIsMergedAsAptDoesWhenAskedForIt(String root) throws Exception {
        Map<String, String> ours = versions(Resolver.jmicrovm(index).resolve(List.of(root)));
        if (ours.containsKey("usr-is-merged")) {
            assertThat(ours).doesNotContainKey("usrmerge").doesNotContainKey("perl");
            assertThat(ours).isEqualTo(apt.simulate(List.of("usr-is-merged", root)));
        } else {
            assertThat(ours).isEqualTo(apt.simulate(List.of(root)));
        }
    }

    @Test
    void anUnknownPackageAndAnUnsatisfiableDependencyAreReportedWithTheirChain() {
        assertThatThrownBy(() -> Resolver.jmicrovm(index).resolve(List.of("no-such-package-jmicrovm")))
                .isInstanceOf(UnsatisfiableDependency.class)
                .hasMessageContaining("no-such-package-jmicrovm is not a package of the archive for amd64");
        // an index where gcc-12-base is not the version libgcc-s1 needs: the chain leads there from the root
        List<BinaryPackage> changed = new java.util.ArrayList<>();
        for (String n : Resolver.aptLike(index).resolve(List.of("nginx")).selected().keySet()) {
            BinaryPackage p = index.candidate(n).orElseThrow();
            if (n.equals("gcc-12-base")) {
                p = new BinaryPackage(p.name(), DebVersion.parse("10.0-1"), p.architecture(), p.priority(),
                        p.essential(), p.preDepends(), p.depends(), p.provides(), p.conflicts(), p.filename(), p.size(), p.sha256(),
                        p.installedSizeKiB(), p.archive());
            }
            changed.add(p);
        }
        PackageIndex broken = new PackageIndex("amd64", changed);
        assertThatThrownBy(() -> Resolver.jmicrovm(broken).resolve(List.of("nginx")))
                .isInstanceOf(UnsatisfiableDependency.class)
                .hasMessageMatching("(?s)cannot resolve nginx → (.* → )?libc6 → libgcc-s1: needs 'gcc-12-base \\(= .*\\)',"
                        + " which has no candidate: gcc-12-base is at 10.0-1;.*");
    }

    @Test
    void twoMailServersConflictForAptAndForUs() {
        List<String> roots = List.of("postfix", "exim4-daemon-light");
        assertThatThrownBy(() -> apt.simulate(roots)).hasMessageContaining("postfix");
        assertThatThrownBy(() -> Resolver.jmicrovm(index).resolve(roots))
                .isInstanceOf(UnsatisfiableDependency.class)
                .hasMessageContaining("conflicts with postfix")
                .hasMessageContaining("declares Conflicts/Breaks: mail-transport-agent");
    }
}
