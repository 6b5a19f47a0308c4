package org.jmicrovm.lang.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.SearchPathEntry;

/**
 * Runs a corpus case through our evaluator the way the oracle runs nix-instantiate: same environment, same
 * home, same search path, the corpus directory as base, and {@code --eval --strict --json} semantics.
 */
final class JmicrovmRunner {

    /** What our evaluator did: the JSON bytes, or the error it reported. */
    record Outcome(byte[] json, NixException error, Throwable crash) {

        boolean succeeded() {
            return json != null;
        }

        String describe() {
            if (json != null) {
                return new String(json, StandardCharsets.UTF_8);
            }
            return error != null ? error.render() : "crashed: " + crash;
        }
    }

    private final NixOracle oracle;

    JmicrovmRunner(NixOracle oracle) {
        this.oracle = oracle;
    }

    EvalOptions options(CorpusCase c) {
        List<SearchPathEntry> entries = new ArrayList<>();
        for (var e : c.searchPath()) {
            entries.add(new SearchPathEntry(e.getKey(), e.getValue().toString()));
        }
        return EvalOptions.defaults()
                .withEnvironment(oracle.environment())
                .withHomeDir(oracle.home())
                .withCurrentSystem("x86_64-linux")
                .withSearchPath(entries)
                .withTraceSink(line -> { });
    }

    Outcome evalStrictJson(CorpusCase c) {
        try (NixEvaluator evaluator = new NixEvaluator(options(c))) {
            String json = evaluator.toJson(evaluator.forceDeep(evaluator.evalString(c.expression(), c.baseDir())));
            return new Outcome(json.getBytes(StandardCharsets.UTF_8), null, null);
        } catch (NixException e) {
            return new Outcome(null, e, null);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Outcome(null, null, e);
        }
    }
}
