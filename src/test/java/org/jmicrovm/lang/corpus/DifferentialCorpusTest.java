package org.jmicrovm.lang.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential test of the language: every corpus case goes through {@code nix-instantiate --eval --strict
 * --json} (in this run, in parallel) and through our evaluator, and both must agree byte for byte, or both fail.
 *
 * <p>One dynamic test per case, named {@code theme/name}. Re-run some with
 * {@code mvn -o -q test -Dtest=DifferentialCorpusTest -Dcorpus.filter='07-strings/substring'} (a regex on the
 * name); a failure message also shows the nix-instantiate command that reproduces the reference result.
 */
class DifferentialCorpusTest {

    /** nix-instantiate is mostly start-up and I/O: a few more processes than cores keep both busy. */
    private static final int ORACLE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors() + 1);

    @TestFactory
    Stream<DynamicNode> corpus() {
        NixOracle oracle = NixOracle.start();
        List<CorpusCase> cases = CorpusLoader.load(CorpusLoader.corpusDirectory(), System.getProperty("corpus.filter"));
        assertThat(cases).as("corpus cases matching -Dcorpus.filter").isNotEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(ORACLE_THREADS, r -> {
            Thread t = new Thread(r, "nix-oracle");
            t.setDaemon(true);
            return t;
        });
        Map<CorpusCase, Future<NixOracle.Result>> reference = new LinkedHashMap<>();
        for (CorpusCase c : cases) {
            reference.put(c, pool.submit(() -> oracle.evalStrictJson(c)));
        }
        pool.shutdown();

        Map<String, List<DynamicNode>> byTheme = new LinkedHashMap<>();
        for (CorpusCase c : cases) {
            byTheme.computeIfAbsent(c.theme(), t -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest(c.name(), () -> check(c, await(reference.get(c)), oracle)));
        }
        return byTheme.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    private static void check(CorpusCase c, NixOracle.Result nix, NixOracle oracle) {
        String where = c.id() + " (" + c.theme() + ".cases line " + c.line() + ")\nreproduce: " + oracle.commandLine(c);
        if (c.mustFail() && nix.succeeded()) {
            fail("corpus case " + where + " is marked 'fails' but Nix evaluates it to " + nix.stdoutText());
        }
        if (!c.mustFail() && !nix.succeeded()) {
            fail("corpus case " + where + " should succeed but Nix fails: " + nix.errorLine());
        }
    }

    private static NixOracle.Result await(Future<NixOracle.Result> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("running nix-instantiate failed", e.getCause());
        }
    }
}
