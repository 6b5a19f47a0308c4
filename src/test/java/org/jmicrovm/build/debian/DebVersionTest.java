package org.jmicrovm.build.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jmicrovm.build.Exec;
import org.junit.jupiter.api.Test;

/** Debian version order, checked against {@code dpkg --compare-versions} on this machine. */
class DebVersionTest {
    private static final List<String> VERSIONS = List.of(
            "1.0", "1.0-1", "1.0-2", "1.0~rc1", "1.0~rc1-1", "1.0~~", "1.0~", "1.0+b1", "1.0.1", "1.0a", "1.0-0",
            "1:0.9", "2:0.1", "0:1.0", "1.22.1-9", "1.22.1-9+deb12u11", "1.22.1-9+deb12u9", "1.22.1-10",
            "1:1.35.0-4+deb12u1+b1", "1:1.35.0-4", "3.11.2-1+b1", "3.11.2-1", "2.36-9+deb12u14", "2.36-9+deb12u4",
            "1:1.2.13.dfsg-1", "1.2.13", "a", "a1", "a.1", "a-1", "10", "9", "1.01", "1.1", "0000.1", "1.0-1~bpo1",
            "2023.3+deb12u2", "6.1.192-2", "1.0-1ubuntu1", "1.0-1a", "1.0-1.1");

    @Test
    void orderMatchesDpkgForEveryPair() throws Exception {
        // one dpkg call per pair would take minutes; a shell loop does them all in one process
        StringBuilder script = new StringBuilder();
        for (String a : VERSIONS) {
            for (String b : VERSIONS) {
                script.append("if dpkg --compare-versions '").append(a).append("' lt '").append(b)
                        .append("'; then echo -1; elif dpkg --compare-versions '").append(a).append("' eq '")
                        .append(b).append("'; then echo 0; else echo 1; fi\n");
            }
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("compare-versions", ".sh");
        String[] dpkg;
        try {
            java.nio.file.Files.writeString(file, script);
            dpkg = Exec.check(null, List.of("sh", file.toString())).split("\n");
        } finally {
            java.nio.file.Files.delete(file);
        }
        int k = 0;
        for (String a : VERSIONS) {
            for (String b : VERSIONS) {
                assertThat(Integer.signum(DebVersion.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.parseInt(dpkg[k++]));
            }
        }
    }

    @Test
    void partsAreSplitAtTheFirstColonAndTheLastDash() {
        DebVersion v = DebVersion.parse("1:1.35.0-4+deb12u1+b1");
        assertThat(v.epoch()).isEqualTo(1);
        assertThat(v.upstream()).isEqualTo("1.35.0");
        assertThat(v.revision()).isEqualTo("4+deb12u1+b1");
        assertThat(v).hasToString("1:1.35.0-4+deb12u1+b1");
        assertThat(DebVersion.parse("1.2-3-4").upstream()).isEqualTo("1.2-3");
    }

    @Test
    void relationsParseAlternativesConstraintsAndQualifiers() {
        var groups = Relation.parseField("libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, python3:any (<< 3.12)");
        assertThat(groups).hasSize(3);
        assertThat(groups.get(1)).extracting(Relation::name).containsExactly("debconf", "debconf-2.0");
        Relation py = groups.get(2).get(0);
        assertThat(py.archQualifier()).contains("any");
        assertThat(py.allows(DebVersion.parse("3.11.2-1+b1"))).isTrue();
        assertThat(py.allows(DebVersion.parse("3.12.0-1"))).isFalse();
        assertThat(groups.get(0).get(0).allows(DebVersion.parse("2.33"))).isFalse();
    }
}
