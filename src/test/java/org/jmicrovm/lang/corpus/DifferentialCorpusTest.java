package org.jmicrovm.lang.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The differential test of the language: every corpus case goes through {@code nix-instantiate --eval --strict
 * --json} (in this run, in parallel) and through our evaluator, and both must agree byte for byte, or both fail.
 *
 * <p>One dynamic test per case, named {@code theme/name}. Re-run some with
 * {@code mvn -o -q test -Dtest=DifferentialCorpusTest -Dcorpus.filter='07-strings/substring'} (a regex on the
 * name); a failure message also shows the nix-instantiate command that reproduces the reference result.
 */
class DifferentialCorpusTest {

    /** Generous: the biggest cases take a second or two; this only stops a hang from stalling the suite. */
    private static final Duration OUR_TIME_LIMIT = Duration.ofSeconds(120);

    private static final Pattern QUOTED_NAME = Pattern.compile("'([A-Za-z_][A-Za-z0-9_'-]*)'");

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
        checkCorpusAgainstNix(c, nix, oracle);
        var known = KnownDifferences.reason(c.id());
        if (known.isPresent() && KnownDifferences.notRun(c.id())) {
            Assumptions.abort("known difference: " + known.get());
        }
        try {
            compare(c, nix, oracle);
        } catch (AssertionError e) {
            if (known.isPresent()) {
                Assumptions.abort("known difference: " + known.get() + "\n" + e.getMessage());
            }
            throw e;
        }
        if (known.isPresent()) {
            fail(c.id() + " now agrees with Nix: remove it from known-differences.txt");
        }
    }

    private static void compare(CorpusCase c, NixOracle.Result nix, NixOracle oracle) {        JmicrovmRunner.Outcome ours = assertTimeoutPreemptively(OUR_TIME_LIMIT,
                () -> new JmicrovmRunner(oracle).evalStrictJson(c), () -> c.id() + ": our evaluator took too long");
        String where = c.id() + " (" + c.theme() + ".cases line " + c.line() + ")";
        if (ours.crash() != null) {
            throw new AssertionFailedError(where + ": our evaluator failed with a Java exception instead of a Nix error"
                    + " (Nix: " + (nix.succeeded() ? nix.stdoutText() : nix.errorLine()) + ")", ours.crash());
        }
        if (nix.succeeded()) {
            if (!ours.succeeded()) {
                fail(where + ": Nix evaluates it to\n  " + abbreviate(nix.stdoutText()) + "\nbut ours fails:\n"
                        + ours.describe());
            }
            String expected = nix.stdoutText();
            String actual = new String(ours.json(), StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                assertThat(abbreviate(actual)).as(where + ": JSON differs").isEqualTo(abbreviate(expected));
                assertThat(actual).as(where + ": JSON differs").isEqualTo(expected);
            }
            assertThat(ours.json()).as(where + ": JSON bytes").isEqualTo(nix.stdout());
        } else {
            if (ours.succeeded()) {
                fail(where + ": Nix fails with\n  " + nix.errorLine() + "\nbut ours evaluates it to\n  "
                        + abbreviate(ours.describe()));
            }
            String ourMessage = ours.error().getMessage();
            for (String name : quotedNames(nix.errorLine())) {
                assertThat(ourMessage).as(where + ": our error should name '%s' as Nix does (%s); ours: %s",
                        name, nix.errorLine(), ours.error().render()).contains(name);
            }
        }
    }

    /**
     * The loose comparison of error messages: the names Nix quotes in its first line ('attr', 'var',
     * 'functionArgs') must appear in ours. Other words may differ.
     */
    static List<String> quotedNames(String errorLine) {
        List<String> names = new ArrayList<>();
        Matcher m = QUOTED_NAME.matcher(errorLine);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1000) + " ... (" + s.length() + " characters) ... "
                + s.substring(s.length() - 500);
    }

    private static void checkCorpusAgainstNix(CorpusCase c, NixOracle.Result nix, NixOracle oracle) {
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
