package org.jmicrovm.build.pkgs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageNamesTest {

    static final List<String> ARCHIVE = List.of("nginx", "nginx-common", "nginx-doc", "nunit", "afnix", "python3",
            "python3.11", "python3-yaml", "bpython", "openssh-client", "openssh-server", "openssh-tests",
            "openssh-sftp-server", "openssl", "vim", "vis", "kim", "htop");

    @Test
    void versionedAndSuffixedNamesComeBeforeSlips() {
        assertThat(PackageNames.closeTo("python", ARCHIVE, 5)).containsExactly("python3", "python3.11", "bpython");
        assertThat(PackageNames.closeTo("openssh", ARCHIVE, 5))
                .containsExactly("openssh-client", "openssh-server", "openssl");
    }

    @Test
    void aSlipThatKeepsTheBeginningRanksFirst() {
        assertThat(PackageNames.closeTo("ngnix", ARCHIVE, 5)).startsWith("nginx").contains("afnix", "nunit");
        assertThat(PackageNames.closeTo("nginxx", ARCHIVE, 5)).containsExactly("nginx");
    }

    @Test
    void shortNamesOnlyForgiveOneLetter() {
        assertThat(PackageNames.closeTo("vin", ARCHIVE, 5)).as("kim is two letters away").containsExactly("vim", "vis");
        assertThat(PackageNames.closeTo("hto", ARCHIVE, 5)).containsExactly("htop");
        assertThat(PackageNames.closeTo("zzz", ARCHIVE, 5)).isEmpty();
    }
}
