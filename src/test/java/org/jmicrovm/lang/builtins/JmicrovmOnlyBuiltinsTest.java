package org.jmicrovm.lang.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.NixException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where jmicrovm deliberately differs from Nix 2.8: the builtins it does not provide, and {@code warn}. */
class JmicrovmOnlyBuiltinsTest {

    private static final Path DIR = Path.of("/tmp");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"derivation", "derivationStrict", "fetchGit", "fetchMercurial", "fetchTarball", "fetchTree",
        "fetchurl", "storePath"})
    void unsupportedBuiltinsExistAndFailWhenApplied(String name) {
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated())) {
            assertThat(nix.toJson(nix.evalString("[ (builtins ? " + name + ") (builtins.isFunction builtins." + name + ") ]", DIR)))
                    .isEqualTo("[true,true]");
            assertThatThrownBy(() -> nix.forceDeep(nix.evalString("builtins." + name + " \"x\"", DIR)))
                    .isInstanceOf(NixException.class)
                    .hasMessageStartingWith("builtins." + name + " is not supported by jmicrovm");
            assertThatThrownBy(() -> nix.forceDeep(nix.evalString("builtins.tryEval (builtins." + name + " {})", DIR)))
                    .hasMessageContaining("not supported by jmicrovm");
        }
    }

    @Test
    void warnPrintsAWarningAndReturnsItsSecondArgument() {
        List<String> lines = new ArrayList<>();
        try (NixEvaluator nix = new NixEvaluator(EvalOptions.isolated().withTraceSink(lines::add))) {
            assertThat(nix.toJson(nix.evalString("builtins.warn \"careful\" 42", DIR))).isEqualTo("42");
            assertThat(lines).containsExactly("evaluation warning: careful");
            assertThatThrownBy(() -> nix.evalString("builtins.warn 1 2", DIR))
                    .hasMessage("value is an integer while a string was expected");
        }
    }
}
