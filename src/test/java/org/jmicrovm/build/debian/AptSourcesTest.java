package org.jmicrovm.build.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {
    @TempDir
    Path etc;

    @Test
    void oneLineAndDeb822EntriesForTheReleaseAreUsed() throws Exception {
        Files.createDirectories(etc.resolve("sources.list.d"));
        Files.writeString(etc.resolve("sources.list"), """
                # a comment
                deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://mirror.example/debian/ bookworm main contrib
                deb-src http://mirror.example/debian bookworm main
                deb http://other.example/ubuntu jammy main
                """);
        Files.writeString(etc.resolve("sources.list.d/debian.sources"), """
                Types: deb
                # http://snapshot.debian.org/archive/debian-security/20250520T000000Z
                URIs: http://security.example/debian-security
                Suites: bookworm-security
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://disabled.example/debian
                Suites: bookworm-updates
                Components: main
                Enabled: no
                """);
        assertThat(AptSources.forRelease(etc, "bookworm")).containsExactly(
                new AptSource("http://mirror.example/debian", List.of("bookworm"), List.of("main")),
                new AptSource("http://security.example/debian-security", List.of("bookworm-security"), List.of("main")));
    }

    @Test
    void withoutAptTheDocumentedDefaultsAreUsed() {
        assertThat(AptSources.forRelease(etc.resolve("absent"), "bookworm")).containsExactly(
                new AptSource("http://deb.debian.org/debian", List.of("bookworm", "bookworm-updates"), List.of("main")),
                new AptSource("http://deb.debian.org/debian-security", List.of("bookworm-security"), List.of("main")));
    }
}
