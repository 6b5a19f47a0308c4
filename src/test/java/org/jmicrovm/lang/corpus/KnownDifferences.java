package org.jmicrovm.lang.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where our evaluator is known to disagree with Nix today, listed in {@code lang/corpus/known-differences.txt}
 * as {@code ID | reason} (ID is a corpus case {@code theme/name}, or {@code cli: ARGS} for an EvalCommandTest
 * case). A listed case still runs: while it still differs the test is aborted (reported as skipped) with the
 * reason; once it agrees the test fails, asking for the line to be removed, so the list cannot go stale.
 * A reason starting with {@code not run:} keeps our evaluator off the case entirely (for cases that would hang
 * or exhaust the test JVM), and the test is aborted with that reason.
 */
public final class KnownDifferences {

    private static final String RESOURCE = "/lang/corpus/known-differences.txt";
    private static final Map<String, String> REASONS = load();

    private KnownDifferences() {
    }

    public static Optional<String> reason(String id) {
        return Optional.ofNullable(REASONS.get(id));
    }

    public static boolean notRun(String id) {
        return reason(id).map(r -> r.startsWith("not run:")).orElse(false);
    }

    private static Map<String, String> load() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = KnownDifferences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return reasons;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int bar = trimmed.indexOf(" | ");
                if (bar < 0) {
                    throw new IllegalStateException(RESOURCE + ": expected 'ID | reason': " + line);
                }
                reasons.put(trimmed.substring(0, bar).strip(), trimmed.substring(bar + 3).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }
}
