package org.jmicrovm.lang.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The oracle must make the differential tests fail, not skip, when nix-instantiate is missing. */
class NixOracleTest {

    @Test
    void missingNixInstantiateFailsWithAnInstallHint() {
        assertThatThrownBy(() -> NixOracle.locate(Map.of("PATH", "/nonexistent/bin")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("nix-instantiate was not found")
                .hasMessageContaining("apt-get install nix-bin");
    }

    @Test
    void explicitPathThatIsNotExecutableFails() {
        assertThatThrownBy(() -> NixOracle.locate(Map.of("JMICROVM_NIX_INSTANTIATE", "/nonexistent/nix-instantiate")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("nix-bin");
    }

    @Test
    void findsItOnThePath() {
        assertThat(NixOracle.locate(Map.of("PATH", "/nonexistent:/usr/bin")).getFileName().toString())
                .isEqualTo("nix-instantiate");
    }

    @Test
    void leadingDashExpressionsStayExpressions() {
        assertThat(NixOracle.expressionArgument("-1")).isEqualTo(" -1");
        assertThat(NixOracle.expressionArgument("1 - 1")).isEqualTo("1 - 1");
    }
}
