package org.jmicrovm.build.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Conflicts and Breaks in resolution, on small archives written out as Packages text. */
class ResolverConflictsTest {
    private static PackageIndex index(String... stanzas) {
        StringBuilder text = new StringBuilder();
        for (String s : stanzas) {
            text.append(s.strip()).append("\nArchitecture: amd64\nFilename: pool/x.deb\nSize: 1\nSHA256: 00\n\n");
        }
        return new PackageIndex("amd64", PackagesParser.parse("Packages", text.toString(), "http://mirror/debian"));
    }

    @Test
    void anAlternativeThatConflictsWithASelectedPackageIsPassedOver() {
        PackageIndex idx = index("""
                Package: mailer
                Version: 1
                Depends: exim | mail-transport-agent
                """, """
                Package: exim
                Version: 4
                Provides: mail-transport-agent
                Conflicts: mail-transport-agent
                """, """
                Package: postfix
                Version: 3
                Provides: mail-transport-agent
                Conflicts: mail-transport-agent
                """, """
                Package: app
                Version: 1
                Depends: postfix
                """);
        // app selects postfix first (breadth-first from the roots), so mailer cannot take exim
        Resolution r = Resolver.aptLike(idx).resolve(List.of("app", "mailer"));
        assertThat(r.selected()).containsOnlyKeys("app", "mailer", "postfix");
        assertThat(r.edges().get("mailer")).containsExactly("postfix");
    }

    @Test
    void breaksRulesOutTheVersionsItNamesOnly() {
        PackageIndex idx = index("""
                Package: tool
                Version: 2
                Depends: libold | libnew
                Breaks: libold (<< 2)
                """, """
                Package: libold
                Version: 1
                """, """
                Package: libnew
                Version: 1
                """);
        assertThat(Resolver.aptLike(idx).resolve(List.of("tool")).selected()).containsOnlyKeys("tool", "libnew");

        PackageIndex newer = index("""
                Package: tool
                Version: 2
                Depends: libold | libnew
                Breaks: libold (<< 2)
                """, """
                Package: libold
                Version: 2
                """, """
                Package: libnew
                Version: 1
                """);
        assertThat(Resolver.aptLike(newer).resolve(List.of("tool")).selected()).containsOnlyKeys("tool", "libold");
    }

    @Test
    void twoRequestedPackagesThatConflictAreReportedWithTheRelation() {
        PackageIndex idx = index("""
                Package: exim
                Version: 4
                Provides: mail-transport-agent
                Conflicts: mail-transport-agent
                """, """
                Package: postfix
                Version: 3
                Provides: mail-transport-agent
                Conflicts: mail-transport-agent
                """);
        assertThatThrownBy(() -> Resolver.jmicrovm(idx).resolve(List.of("exim", "postfix")))
                .isInstanceOf(UnsatisfiableDependency.class)
                .hasMessage("cannot resolve postfix: is requested at 3, which conflicts with exim 4 (reached by exim):"
                        + " exim declares Conflicts/Breaks: mail-transport-agent"
                        + " (hint: leave one of them out of the guest's packages, or choose another alternative)");
    }

    @Test
    void aDependencyWithOnlyConflictingChoicesNamesTheChainsOfBothSides() {
        PackageIndex idx = index("""
                Package: web
                Version: 1
                Depends: libssl3
                """, """
                Package: legacy
                Version: 1
                Depends: oldssl
                """, """
                Package: oldssl
                Version: 1
                Conflicts: libssl3
                """, """
                Package: libssl3
                Version: 3
                """);
        assertThatThrownBy(() -> Resolver.jmicrovm(idx).resolve(List.of("web", "legacy")))
                .isInstanceOf(UnsatisfiableDependency.class)
                .hasMessageStartingWith("cannot resolve legacy: needs oldssl 1, which conflicts with libssl3 3"
                        + " (reached by web → libssl3): oldssl declares Conflicts/Breaks: libssl3");
    }

    @Test
    void aPackageThatProvidesAndConflictsWithTheSameNameIsNotInConflictWithItself() {
        PackageIndex idx = index("""
                Package: exim
                Version: 4
                Provides: mail-transport-agent
                Conflicts: mail-transport-agent
                """);
        assertThat(Resolver.jmicrovm(idx).resolve(List.of("exim")).selected()).containsOnlyKeys("exim");
    }
}
